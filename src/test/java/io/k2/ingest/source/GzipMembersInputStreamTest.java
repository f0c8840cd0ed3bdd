package io.k2.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.source.GzipMembersInputStream.CorruptGzipException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GzipMembersInputStreamTest {

  private static final String A = "03/10/2014,10:00:00.000,36.5,1,0,,\r\n";
  private static final String B = "03/10/2014,10:00:01.000,36.6,2,0,,\r\n";

  @Test
  void readsEveryMemberOfAConcatenatedFile() throws IOException {
    byte[] file = concat(gzip(A), gzip(B), gzip(A + B));

    assertThat(gunzip(new ByteArrayInputStream(file))).isEqualTo(A + B + A + B);
  }

  @Test
  void aSourceWhoseReadsEndAtMemberBoundariesWithNothingAvailableIsReadCompletely()
      throws IOException {
    List<byte[]> members = List.of(gzip(A), gzip(B), gzip(A));
    BoundaryStream source = new BoundaryStream(members);

    assertThat(gunzip(source)).isEqualTo(A + B + A);
    assertThat(source.readsEndingAtABoundary).isGreaterThanOrEqualTo(2);
  }

  @Test
  void theJdkReaderStopsEarlyOnTheSameSource() throws IOException {
    // The behaviour this reader exists to avoid: the JDK looks for a next member only when the
    // source says bytes are available.
    BoundaryStream source = new BoundaryStream(List.of(gzip(A), gzip(B)));

    String text = new String(new GZIPInputStream(source).readAllBytes(), StandardCharsets.UTF_8);

    assertThat(text).isEqualTo(A);
  }

  @Test
  void thousandsOfMembersAreReadCompletelyInOrder() throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    List<byte[]> members = new ArrayList<>();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      String rows = "03/10/2014,10:00:00.000,36.5," + i + ",0,,\r\n";
      expected.append(rows);
      byte[] member = gzip(rows);
      members.add(member);
      file.writeBytes(member);
    }

    assertThat(gunzip(new ByteArrayInputStream(file.toByteArray()))).isEqualTo(expected.toString());
    assertThat(gunzip(new BoundaryStream(members))).isEqualTo(expected.toString());
  }

  @Test
  void plainTextIsNotGzip() {
    assertThatThrownBy(() -> gunzip(new ByteArrayInputStream(A.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(CorruptGzipException.class)
        .hasMessage("corrupt gzip data: not in gzip format (no gzip header at byte offset 0)");
  }

  @Test
  void trailingTextAfterAMemberIsRejectedWithItsOffset() {
    byte[] first = gzip(A + B);
    byte[] file = concat(first, "trailing notes\n".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> gunzip(new ByteArrayInputStream(file)))
        .isInstanceOf(CorruptGzipException.class)
        .hasMessage(
            "corrupt gzip data: the bytes from byte offset "
                + first.length
                + ", after 1 complete member(s), are not a gzip member");
  }

  @Test
  void trailingZeroBytesAreRejected() {
    byte[] first = gzip(A);
    byte[] file = concat(first, new byte[16]);

    assertThatThrownBy(() -> gunzip(new ByteArrayInputStream(file)))
        .hasMessage(
            "corrupt gzip data: the bytes from byte offset "
                + first.length
                + ", after 1 complete member(s), are not a gzip member");
  }

  @Test
  void trailingBytesThatOnlyStartLikeAHeaderAreNotAMember() {
    byte[] first = gzip(A);
    byte[] file = concat(first, new byte[] {0x1f, 0, 0, 0});

    assertThatThrownBy(() -> gunzip(new ByteArrayInputStream(file)))
        .isInstanceOfSatisfying(
            CorruptGzipException.class, e -> assertThat(e.truncated()).isFalse())
        .hasMessage(
            "corrupt gzip data: the bytes from byte offset "
                + first.length
                + ", after 1 complete member(s), are not a gzip member");
  }

  @Test
  void aSecondMemberWithADamagedHeaderIsRejectedWithItsOffset() {
    byte[] first = gzip(A);
    byte[] second = gzip(B);
    second[2] = 7; // compression method: only 8 (deflate) exists

    assertThatThrownBy(() -> gunzip(new ByteArrayInputStream(concat(first, second))))
        .isInstanceOf(CorruptGzipException.class)
        .hasMessage(
            "corrupt gzip data: member 2 at byte offset "
                + first.length
                + ": Unsupported compression method 7 in the .gz header");
  }

  @Test
  void aDamagedBodyIsRejectedWithItsMember() {
    byte[] first = gzip(A);
    byte[] second = gzip(B);
    second[second.length - 8] ^= 1; // the CRC-32 in the trailer

    assertThatThrownBy(() -> gunzip(new ByteArrayInputStream(concat(first, second))))
        .isInstanceOf(CorruptGzipException.class)
        .hasMessage(
            "corrupt gzip data: member 2 at byte offset "
                + first.length
                + ": Gzip-compressed data is corrupt (CRC32 error)");
  }

  @Test
  void aMemberCutShortIsTruncated() {
    byte[] first = gzip(A);
    byte[] second = gzip(B);
    byte[] file = concat(first, Arrays.copyOf(second, second.length - 3));

    assertThatThrownBy(() -> gunzip(new ByteArrayInputStream(file)))
        .isInstanceOfSatisfying(CorruptGzipException.class, e -> assertThat(e.truncated()).isTrue())
        .hasMessage(
            "truncated gzip data: member 2 at byte offset "
                + first.length
                + " ends before its trailer");
  }

  @Test
  void dataThatEndsInsideAHeaderIsTruncatedNotForeign() {
    byte[] first = gzip(A);

    assertThatThrownBy(() -> gunzip(new ByteArrayInputStream(new byte[0])))
        .isInstanceOfSatisfying(CorruptGzipException.class, e -> assertThat(e.truncated()).isTrue())
        .hasMessage("truncated gzip data: member 1 at byte offset 0 ends inside its header");
    assertThatThrownBy(() -> gunzip(new ByteArrayInputStream(concat(first, new byte[] {0x1f}))))
        .isInstanceOfSatisfying(CorruptGzipException.class, e -> assertThat(e.truncated()).isTrue())
        .hasMessage(
            "truncated gzip data: member 2 at byte offset "
                + first.length
                + " ends inside its header");
    assertThatThrownBy(() -> gunzip(new ByteArrayInputStream(Arrays.copyOf(gzip(B), 6))))
        .isInstanceOfSatisfying(CorruptGzipException.class, e -> assertThat(e.truncated()).isTrue())
        .hasMessage("truncated gzip data: member 1 at byte offset 0 ends inside its header");
  }

  @Test
  void aDamagedDeflateStreamIsRejectedWithTheDecodersReason() {
    byte[] header = Arrays.copyOf(gzip(A), 10);
    byte[] file = concat(header, new byte[] {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0});

    assertThatThrownBy(() -> gunzip(new ByteArrayInputStream(file)))
        .isInstanceOfSatisfying(
            CorruptGzipException.class, e -> assertThat(e.truncated()).isFalse())
        .hasMessage(
            "corrupt gzip data: member 1 at byte offset 0: Gzip-compressed data is corrupt"
                + " (invalid block type)");
  }

  @Test
  void reservedHeaderFlagsAreRejected() {
    byte[] member = gzip(A);
    member[3] = (byte) 0xe0;

    assertThatThrownBy(() -> gunzip(new ByteArrayInputStream(member)))
        .isInstanceOf(CorruptGzipException.class)
        .hasMessage(
            "corrupt gzip data: member 1 at byte offset 0:"
                + " Reserved flags are set in the .gz header");
  }

  @Test
  void readsByteByByte() throws IOException {
    byte[] file = concat(gzip("ab"), gzip("c"));
    try (GzipMembersInputStream in =
        new GzipMembersInputStream(new ByteArrayInputStream(file), 16)) {
      assertThat(in.read()).isEqualTo('a');
      assertThat(in.read()).isEqualTo('b');
      assertThat(in.read()).isEqualTo('c');
      assertThat(in.read()).isEqualTo(-1);
    }
    try (GzipMembersInputStream in =
        new GzipMembersInputStream(new ByteArrayInputStream(gzip("\u00ff")), 16)) {
      assertThat(in.read()).isEqualTo(0xc3);
      assertThat(in.read()).isEqualTo(0xbf);
    }
  }

  @Test
  void closingClosesTheSourceWhetherOrNotReadingHadStarted() throws IOException {
    ClosingStream unread = new ClosingStream(gzip(A));
    new GzipMembersInputStream(unread, 16).close();
    ClosingStream read = new ClosingStream(gzip(A));
    try (GzipMembersInputStream in = new GzipMembersInputStream(read, 16)) {
      assertThat(in.read()).isEqualTo('0');
    }

    assertThat(unread.closed).isTrue();
    assertThat(read.closed).isTrue();
  }

  @Test
  void aSmallBufferStillPlacesEachMember() {
    byte[] first = gzip(A);
    byte[] file = concat(first, first, "junk".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(
            () -> {
              try (GzipMembersInputStream in =
                  new GzipMembersInputStream(new ByteArrayInputStream(file), 7)) {
                in.readAllBytes();
              }
            })
        .hasMessage(
            "corrupt gzip data: the bytes from byte offset "
                + 2 * first.length
                + ", after 2 complete member(s), are not a gzip member");
  }

  @Test
  void aFailingSourcePassesThroughUnchanged() {
    byte[] file = gzip(A.repeat(2000));
    InputStream failing =
        new ByteArrayInputStream(file, 0, file.length / 2) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            if (n < 0) {
              throw new UncheckedIOException(new SocketException("Connection reset"));
            }
            return n;
          }
        };
    InputStream throwing =
        new InputStream() {
          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            try {
              return failing.read(b, off, len);
            } catch (UncheckedIOException e) {
              throw e.getCause();
            }
          }
        };

    assertThatThrownBy(() -> gunzip(throwing))
        .isExactlyInstanceOf(SocketException.class)
        .hasMessage("Connection reset");
  }

  private static String gunzip(InputStream source) throws IOException {
    try (GzipMembersInputStream in = new GzipMembersInputStream(source, 1 << 16)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      bytes.writeBytes(part);
    }
    return bytes.toByteArray();
  }

  static final class ClosingStream extends ByteArrayInputStream {
    boolean closed;

    ClosingStream(byte[] bytes) {
      super(bytes);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /**
   * A network-like source: every read ends at the end of a member at the latest, as a socket read
   * can, and it never says more bytes are available.
   */
  static final class BoundaryStream extends InputStream {
    private final byte[] bytes;
    private final List<Integer> boundaries = new ArrayList<>();
    private int position;
    int readsEndingAtABoundary;

    BoundaryStream(List<byte[]> members) {
      bytes = concat(members.toArray(byte[][]::new));
      int end = 0;
      for (byte[] member : members) {
        end += member.length;
        boundaries.add(end);
      }
    }

    @Override
    public int read() {
      return position < bytes.length ? bytes[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= bytes.length) {
        return -1;
      }
      int boundary = boundaries.stream().filter(e -> e > position).findFirst().orElseThrow();
      int n = Math.min(len, boundary - position);
      System.arraycopy(bytes, position, b, off, n);
      position += n;
      if (position == boundary) {
        readsEndingAtABoundary++;
      }
      return n;
    }

    @Override
    public int available() {
      return 0;
    }
  }
}
