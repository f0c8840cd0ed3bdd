package io.k2.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.parse.FileRejectedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Strict UTF-8 over an object's bytes: the line and byte of an invalid sequence, lines ended as the
 * parsers end them, text split anywhere by buffers, and damaged gzip (permanent) told apart from a
 * read that broke off (transient).
 */
class TextDecodingReaderTest {

  @Test
  void anInvalidByteIsPlacedOnTheLineTheParsersWouldName() {
    assertRejectedAt("a\r\nb\r\n\u00ff", 3, 7);
    assertRejectedAt("a\rb\r\u00ff", 3, 5);
    assertRejectedAt("a\nb\n\u00ff", 3, 5);
    assertRejectedAt("a\n\r\u00ff", 3, 4);
    assertRejectedAt("a\r\r\n\n\u00ff", 4, 6);
    assertRejectedAt("\u00ff", 1, 1);
  }

  @Test
  void aCarriageReturnEndingOneReadAndALineFeedStartingTheNextEndOneLine() throws IOException {
    try (TextDecodingReader reader = reader(latin1("a\r\nb\u00ff"), false)) {
      char[] one = new char[1];
      StringBuilder seen = new StringBuilder();
      assertThatThrownBy(
              () -> {
                while (reader.read(one, 0, 1) > 0) {
                  seen.append(one[0]);
                }
              })
          .isInstanceOf(FileRejectedException.class)
          .hasMessage("not UTF-8 text: invalid byte sequence at line 2, byte 5");
      assertThat(seen.toString()).isEqualTo("a\r\n");
    }
  }

  @Test
  void aSequenceCutByTheEndOfTheDataIsInvalid() {
    byte[] cut = {'o', 'k', '\n', (byte) 0xe2, (byte) 0x82};

    assertThatThrownBy(() -> read(reader(cut, false)))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("not UTF-8 text: invalid byte sequence at line 2, byte 4");
  }

  @Test
  void characterSplitAcrossBuffersAndSmallReadsDecodeExactly() throws IOException {
    // 65535 ASCII bytes, so the two bytes of 'é' straddle the first 64 KiB buffer, then a
    // four-byte character, which a one-char read cannot hold whole.
    String text = "a".repeat(65_535) + "é\n" + "b".repeat(70_000) + "\uD83D\uDE00z";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

    assertThat(read(reader(bytes, false))).isEqualTo(text);

    StringBuilder slowly = new StringBuilder();
    try (TextDecodingReader reader = reader(bytes, false)) {
      char[] chars = new char[3];
      int n;
      while ((n = reader.read(chars, 1, 1)) >= 0) {
        assertThat(n).isEqualTo(1);
        slowly.append(chars[1]);
      }
      assertThat(reader.read(chars, 0, 3)).isEqualTo(-1);
    }
    assertThat(slowly.toString()).isEqualTo(text);
  }

  @Test
  void aCharacterOutsideTheBasicPlaneIsReadOneHalfAtATime() throws IOException {
    try (TextDecodingReader reader = reader(utf8("\uD83D\uDE00!"), false)) {
      assertThat(reader.read()).isEqualTo(0xD83D);
      assertThat(reader.read()).isEqualTo(0xDE00);
      assertThat(reader.read()).isEqualTo('!');
      assertThat(reader.read()).isEqualTo(-1);
    }
  }

  @Test
  void anEmptyObjectIsNoText() throws IOException {
    try (TextDecodingReader reader = reader(new byte[0], false)) {
      assertThat(reader.read(new char[4], 0, 4)).isEqualTo(-1);
      assertThat(reader.read(new char[4], 0, 4)).isEqualTo(-1);
    }
  }

  @Test
  void gzipIsReadThroughEveryMember() throws IOException {
    byte[] file =
        GzipMembersInputStreamTest.concat(
            GzipMembersInputStreamTest.gzip("a,b\n"), GzipMembersInputStreamTest.gzip("1,2\n"));

    assertThat(read(reader(file, true))).isEqualTo("a,b\n1,2\n");
  }

  @Test
  void gzipCutShortIsTheFilesFaultOnlyIfTheWholeObjectArrived() {
    byte[] gz = GzipMembersInputStreamTest.gzip("x,y\n".repeat(100));
    byte[] cut = Arrays.copyOf(gz, gz.length - 4);
    HashingCountingInputStream whole = new HashingCountingInputStream(stream(cut));
    HashingCountingInputStream broken = new HashingCountingInputStream(stream(cut));

    assertThatThrownBy(() -> read(new TextDecodingReader(whole, cut.length, true)))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("truncated gzip data: member 1 at byte offset 0 ends before its trailer");
    assertThatThrownBy(() -> read(new TextDecodingReader(broken, gz.length, true)))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "read "
                + cut.length
                + " of "
                + gz.length
                + " bytes: truncated gzip data: member 1 at byte offset 0 ends before its trailer");
  }

  @Test
  void damagedGzipIsRejectedEvenWhenTheReadAlsoBrokeOff() {
    byte[] gz = GzipMembersInputStreamTest.gzip("x,y\n");
    gz[gz.length - 8] ^= 1; // the CRC-32 in the trailer

    assertThatThrownBy(() -> read(reader(gz, gz.length + 100, true)))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage(
            "corrupt gzip data: member 1 at byte offset 0: "
                + "Gzip-compressed data is corrupt (CRC32 error)");
  }

  @Test
  void plainTextUnderAGzipNameIsRejected() {
    assertThatThrownBy(() -> read(reader(latin1("x,y\n"), true)))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("corrupt gzip data: not in gzip format (no gzip header at byte offset 0)");
  }

  @Test
  void closingTheTextClosesTheObjectsStream() throws IOException {
    boolean[] closed = {false};
    InputStream source =
        new ByteArrayInputStream(latin1("a")) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };

    new TextDecodingReader(new HashingCountingInputStream(source), 1, false).close();

    assertThat(closed[0]).isTrue();
  }

  private static void assertRejectedAt(String latin1Text, int line, int byteNumber) {
    assertThatThrownBy(() -> read(reader(latin1(latin1Text), false)))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage(
            "not UTF-8 text: invalid byte sequence at line " + line + ", byte " + byteNumber);
  }

  private static TextDecodingReader reader(byte[] bytes, boolean gzip) {
    return reader(bytes, bytes.length, gzip);
  }

  private static TextDecodingReader reader(byte[] bytes, long expected, boolean gzip) {
    return new TextDecodingReader(new HashingCountingInputStream(stream(bytes)), expected, gzip);
  }

  private static String read(Reader reader) throws IOException {
    StringWriter out = new StringWriter();
    reader.transferTo(out);
    return out.toString();
  }

  private static InputStream stream(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] latin1(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
