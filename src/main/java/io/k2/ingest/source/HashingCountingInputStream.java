package io.k2.ingest.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Counts and hashes the raw bytes of an object as they stream by, so that a short read is told
 * apart from a short file and the content can be identified without a second pass.
 */
final class HashingCountingInputStream extends FilterInputStream {

  private final MessageDigest sha256;
  private long count;

  HashingCountingInputStream(InputStream in) {
    super(in);
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      sha256.update((byte) b);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      sha256.update(buffer, offset, n);
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes would escape the hash: read them instead.
    return read(new byte[(int) Math.min(n, 8192)]);
  }

  /** Reads what is left, so that the count and hash cover the whole object. */
  void drain() throws IOException {
    byte[] buffer = new byte[8192];
    while (read(buffer, 0, buffer.length) >= 0) {
      // keep reading
    }
  }

  long count() {
    return count;
  }

  String sha256Hex() {
    return HexFormat.of().formatHex(sha256.digest());
  }
}
