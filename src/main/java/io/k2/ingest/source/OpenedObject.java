package io.k2.ingest.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;

/**
 * A landed object being read: its identity, its text, and, once the text is consumed, the SHA-256
 * of its bytes.
 */
public final class OpenedObject implements Closeable {

  private final SourceIdentity identity;
  private final Instant landedAt;
  private final HashingCountingInputStream raw;
  private final TextDecodingReader text;

  OpenedObject(
      SourceIdentity identity, Instant landedAt, HashingCountingInputStream raw, boolean gzip) {
    this.identity = identity;
    this.landedAt = landedAt;
    this.raw = raw;
    this.text = new TextDecodingReader(raw, identity.size(), gzip);
  }

  public SourceIdentity identity() {
    return identity;
  }

  /** When the object landed (its last-modified time in the store). */
  public Instant landedAt() {
    return landedAt;
  }

  public Reader text() {
    return text;
  }

  /**
   * Reads any bytes the parser left (a gzip trailer, say) and returns the content's SHA-256.
   *
   * @throws IOException when fewer bytes arrived than the object holds: the read broke off
   */
  public String finish() throws IOException {
    raw.drain();
    if (raw.count() != identity.size()) {
      throw new IOException(
          "read " + raw.count() + " of " + identity.size() + " bytes of " + identity.key());
    }
    return raw.sha256Hex();
  }

  @Override
  public void close() throws IOException {
    text.close();
  }
}
