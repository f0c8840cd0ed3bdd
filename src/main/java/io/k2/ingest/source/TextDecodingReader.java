package io.k2.ingest.source;

import io.k2.ingest.parse.FileRejectedException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Strict UTF-8 text over an object's bytes, gunzipped on the fly when the key ends in {@code .gz}.
 * It tells the caller's two kinds of failure apart: content that is not text or not valid gzip is
 * a permanent {@link FileRejectedException}; a read that broke off is a transient IOException.
 */
final class TextDecodingReader extends Reader {

  private static final int BUFFER_BYTES = 1 << 16;

  private final HashingCountingInputStream raw;
  private final long expectedBytes;
  private final boolean gzip;
  private Reader text;

  TextDecodingReader(HashingCountingInputStream raw, long expectedBytes, boolean gzip) {
    this.raw = raw;
    this.expectedBytes = expectedBytes;
    this.gzip = gzip;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    try {
      return text().read(buffer, offset, length);
    } catch (CharacterCodingException e) {
      throw new FileRejectedException(
          "not UTF-8 text (invalid byte sequence near byte " + raw.count() + ")");
    } catch (ZipException e) {
      throw new FileRejectedException("corrupt gzip data: " + e.getMessage());
    } catch (EOFException e) {
      if (raw.count() >= expectedBytes) {
        throw new FileRejectedException("truncated gzip data: the stream ends before its trailer");
      }
      throw e;
    }
  }

  // Opened lazily: GZIPInputStream reads the header in its constructor, which can fail too.
  private Reader text() throws IOException {
    if (text == null) {
      InputStream bytes = gzip ? new GZIPInputStream(raw, BUFFER_BYTES) : raw;
      text =
          new InputStreamReader(
              bytes,
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT));
    }
    return text;
  }

  @Override
  public void close() throws IOException {
    raw.close();
  }
}
