package io.k2.ingest.parse;

import java.io.IOException;
import java.io.Reader;

/**
 * Passes a file's text to the CSV tokenizer after dropping a leading byte order mark, and rejects
 * the file as soon as one physical line is longer than the limit. Checking here, before tokenizing,
 * gives one clear message whatever the line looks like (one huge field, many fields, or an unclosed
 * quote) and bounds the memory a single row can take.
 */
final class GuardedReader extends Reader {

  private static final char BOM = '\uFEFF';

  private final Reader in;
  private final int maxLineLength;
  private boolean started;
  private long line = 1;
  private int lineLength;
  private boolean lastWasCr;

  GuardedReader(Reader in, int maxLineLength) {
    this.in = in;
    this.maxLineLength = maxLineLength;
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    int n;
    do {
      n = in.read(buf, off, len);
      if (n > 0 && !started) {
        started = true;
        if (buf[off] == BOM) {
          System.arraycopy(buf, off + 1, buf, off, n - 1);
          n--;
        }
      }
    } while (n == 0 && len > 0);
    if (n > 0) {
      scan(buf, off, off + n);
    }
    return n;
  }

  /** Counts lines as the tokenizer does: CR, LF and CRLF each end one line. */
  private void scan(char[] buf, int off, int end) {
    int lineStart = off - lineLength;
    for (int i = off; i < end; i++) {
      char c = buf[i];
      if (c > '\r') {
        continue; // speed: ordinary characters take this one comparison only
      }
      if (c == '\r') {
        checkLength(i - lineStart);
        line++;
        lineStart = i + 1;
      } else if (c == '\n') {
        boolean afterCr = i == off ? lastWasCr : buf[i - 1] == '\r';
        if (!afterCr) {
          checkLength(i - lineStart);
          line++;
        }
        lineStart = i + 1;
      }
    }
    lineLength = end - lineStart;
    lastWasCr = buf[end - 1] == '\r';
    checkLength(lineLength);
  }

  private void checkLength(int length) {
    if (length > maxLineLength) {
      throw new FileRejectedException(ParseMessages.lineTooLong(line, maxLineLength));
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
