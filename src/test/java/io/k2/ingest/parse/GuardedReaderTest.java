package io.k2.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class GuardedReaderTest {

  @Test
  void dropsALeadingByteOrderMarkOnly() throws IOException {
    assertThat(readAll(new GuardedReader(new StringReader("\uFEFFa,\uFEFFb"), 100)))
        .isEqualTo("a,\uFEFFb");
    assertThat(readAll(new GuardedReader(new OneCharAtATime("\uFEFFab"), 100))).isEqualTo("ab");
  }

  @Test
  void countsCrLfSplitAcrossReadsAsOneLineBreak() {
    String text = "abc\r\ndef\r\n\r\nghijk\r\n";

    assertThatThrownBy(() -> readAll(new GuardedReader(new OneCharAtATime(text), 4)))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("line 4 exceeds the maximum line length of 4 characters");
  }

  @Test
  void countsCrAndLfAloneAsLineBreaks() {
    String text = "ab\rcd\nef\r\n12345";

    assertThatThrownBy(() -> readAll(new GuardedReader(new StringReader(text), 4)))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("line 4 exceeds the maximum line length of 4 characters");
  }

  @Test
  void lengthCarriesAcrossReads() throws IOException {
    assertThat(readAll(new GuardedReader(new OneCharAtATime("abcd\nefgh"), 4)))
        .isEqualTo("abcd\nefgh");
    assertThatThrownBy(() -> readAll(new GuardedReader(new OneCharAtATime("abcd\nefghi"), 4)))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("line 2 exceeds the maximum line length of 4 characters");
  }

  private static String readAll(Reader reader) throws IOException {
    StringBuilder text = new StringBuilder();
    char[] buf = new char[3];
    for (int n = reader.read(buf, 0, buf.length); n != -1; n = reader.read(buf, 0, buf.length)) {
      text.append(buf, 0, n);
    }
    return text.toString();
  }

  /** A reader as slow as a network stream can be: one character per read. */
  private static final class OneCharAtATime extends Reader {
    private final String text;
    private int pos;

    OneCharAtATime(String text) {
      this.text = text;
    }

    @Override
    public int read(char[] buf, int off, int len) {
      if (pos == text.length()) {
        return -1;
      }
      buf[off] = text.charAt(pos++);
      return 1;
    }

    @Override
    public void close() {}
  }
}
