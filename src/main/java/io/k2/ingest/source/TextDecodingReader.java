package io.k2.ingest.source;

import io.k2.ingest.parse.FileRejectedException;
import io.k2.ingest.source.GzipMembersInputStream.CorruptGzipException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 text over an object's bytes, gunzipped on the fly when the key ends in {@code .gz}
 * (every member, every byte: see {@link GzipMembersInputStream}). It tells the caller's two kinds
 * of failure apart: content that is not text or not valid gzip is a permanent {@link
 * FileRejectedException}; a read that broke off is a transient IOException.
 *
 * <p>It decodes with its own {@link CharsetDecoder} rather than an InputStreamReader so that an
 * invalid byte is reported at its exact position, not at wherever read-ahead had got to.
 */
final class TextDecodingReader extends Reader {

  private static final int BUFFER_BYTES = 1 << 16;

  private final HashingCountingInputStream raw;
  private final long expectedBytes;
  private final boolean gzip;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_BYTES).flip();
  private InputStream text;
  private long bytesBeforeBuffer;
  private long linesEnded;
  private boolean afterCarriageReturn;
  private boolean endOfInput;
  private boolean flushed;
  // The second half of a surrogate pair that a one-char read had no room for.
  private char pendingLowSurrogate;

  TextDecodingReader(HashingCountingInputStream raw, long expectedBytes, boolean gzip) {
    this.raw = raw;
    this.expectedBytes = expectedBytes;
    this.gzip = gzip;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (pendingLowSurrogate != 0) {
      buffer[offset] = pendingLowSurrogate;
      pendingLowSurrogate = 0;
      return 1;
    }
    CharBuffer out = CharBuffer.wrap(buffer, offset, length);
    while (out.position() == offset && !flushed) {
      int decodedFrom = out.position();
      CoderResult result = decoder.decode(bytes, out, endOfInput);
      countLines(buffer, decodedFrom, out.position());
      if (result.isError()) {
        long position = bytesBeforeBuffer + bytes.position() + 1;
        throw new FileRejectedException(
            "not UTF-8 text: invalid byte sequence at line "
                + (linesEnded + 1)
                + ", byte "
                + position
                + (gzip ? " of the decompressed data" : ""));
      }
      if (result.isOverflow()) {
        if (out.position() == offset) {
          // A character outside the basic plane, and room for one char: hand it out in halves.
          CharBuffer pair = CharBuffer.allocate(2);
          decoder.decode(bytes, pair, endOfInput);
          out.put(pair.get(0));
          pendingLowSurrogate = pair.get(1);
        }
        break;
      }
      if (endOfInput) {
        decoder.flush(out);
        flushed = true;
      } else {
        fill();
      }
    }
    int produced = out.position() - offset;
    return produced == 0 && flushed ? -1 : produced;
  }

  // Lines end at LF, CR or CRLF, as the parsers count them, so the line named is the parser's.
  private void countLines(char[] chars, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = chars[i];
      if (c == '\r' || (c == '\n' && !afterCarriageReturn)) {
        linesEnded++;
      }
      afterCarriageReturn = c == '\r';
    }
  }

  private void fill() throws IOException {
    bytesBeforeBuffer += bytes.position();
    bytes.compact();
    int n;
    try {
      n = input().read(bytes.array(), bytes.position(), bytes.remaining());
    } catch (CorruptGzipException e) {
      // Data that ends early is only the file's fault if the whole object arrived.
      if (e.truncated() && raw.count() < expectedBytes) {
        throw new IOException(
            "read " + raw.count() + " of " + expectedBytes + " bytes: " + e.getMessage(), e);
      }
      throw new FileRejectedException(e.getMessage());
    }
    if (n < 0) {
      endOfInput = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  // Opened lazily: the gzip reader reads the first header, which can fail too.
  private InputStream input() {
    if (text == null) {
      text = gzip ? new GzipMembersInputStream(raw, BUFFER_BYTES) : raw;
    }
    return text;
  }

  @Override
  public void close() throws IOException {
    raw.close();
  }
}
