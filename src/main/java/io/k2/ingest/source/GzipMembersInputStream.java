package io.k2.ingest.source;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Decompresses a gzip object of one or more members ({@code cat a.gz b.gz}, bgzip) and accounts for
 * every byte: the object must be nothing but complete, valid members, or the read fails with a
 * {@link CorruptGzipException} naming the member and its byte offset.
 *
 * <p>Apache Commons Compress decodes the members (concatenated mode); unlike the JDK's
 * GZIPInputStream it does not guess from {@code available()} whether another member follows, so a
 * network read that ends exactly at a member boundary cannot cut the data short, and bytes after a
 * member that are not a member are an error, not silently dropped. The source is buffered here,
 * with mark support, so that the decoder never reads past a member unseen and offsets are exact.
 *
 * <p>Failures of the source itself (a connection reset) pass through unchanged: they are transient,
 * unlike damaged content.
 */
final class GzipMembersInputStream extends InputStream {

  private static final int GZIP_MAGIC_0 = 0x1f;
  private static final int GZIP_MAGIC_1 = 0x8b;

  private final Source source;
  private final Positioned in;
  private GzipCompressorInputStream gzip;
  private long memberStart;
  private int membersStarted;
  private int membersEnded;
  private boolean nextIsMember = true;
  private boolean cutInMagic;

  GzipMembersInputStream(InputStream source, int bufferBytes) {
    this.source = new Source(source);
    this.in = new Positioned(this.source, bufferBytes);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    try {
      if (gzip == null) {
        nextIsMember = startsMember();
        gzip =
            GzipCompressorInputStream.builder()
                .setInputStream(in)
                .setDecompressConcatenated(true)
                .setOnMemberStart(member -> membersStarted++)
                .setOnMemberEnd(this::memberEnded)
                .get();
      }
      return gzip.read(buffer, offset, length);
    } catch (CorruptGzipException e) {
      throw e;
    } catch (IOException e) {
      if (source.failed) {
        throw e;
      }
      throw corrupt(e);
    }
  }

  private void memberEnded(GzipCompressorInputStream member) throws IOException {
    membersEnded++;
    memberStart = in.position();
    nextIsMember = startsMember();
  }

  /**
   * Whether the bytes at the current position may start a member: a gzip header's magic, or the
   * data ends before two bytes could tell (the end of the object after a member, or a cut).
   */
  private boolean startsMember() throws IOException {
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    cutInMagic = (first < 0 && membersEnded == 0) || (first == GZIP_MAGIC_0 && second < 0);
    return first < 0 || (first == GZIP_MAGIC_0 && (second == GZIP_MAGIC_1 || second < 0));
  }

  private CorruptGzipException corrupt(IOException e) {
    int member = membersEnded + 1;
    if (!nextIsMember) {
      return new CorruptGzipException(
          membersEnded == 0
              ? "corrupt gzip data: not in gzip format (no gzip header at byte offset 0)"
              : ("corrupt gzip data: the bytes from byte offset %d, after %d complete member(s),"
                      + " are not a gzip member")
                  .formatted(memberStart, membersEnded),
          false);
    }
    if ((e instanceof EOFException || cutInMagic) && source.ended) {
      boolean inBody = membersStarted > membersEnded;
      return new CorruptGzipException(
          "truncated gzip data: member %d at byte offset %d ends %s"
              .formatted(member, memberStart, inBody ? "before its trailer" : "inside its header"),
          true);
    }
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (reason.endsWith(".")) {
      reason = reason.substring(0, reason.length() - 1);
    }
    if (e.getCause() != null && e.getCause().getMessage() != null) {
      reason += " (" + e.getCause().getMessage() + ")";
    }
    return new CorruptGzipException(
        "corrupt gzip data: member %d at byte offset %d: %s".formatted(member, memberStart, reason),
        false);
  }

  @Override
  public void close() throws IOException {
    if (gzip != null) {
      gzip.close();
    } else {
      in.close();
    }
  }

  /** Thrown when the bytes are not complete, valid gzip members; permanent. */
  static final class CorruptGzipException extends IOException {
    private final boolean truncated;

    CorruptGzipException(String message, boolean truncated) {
      super(message);
      this.truncated = truncated;
    }

    /** Whether the data ended inside a member: a short file, or a read that stopped early. */
    boolean truncated() {
      return truncated;
    }
  }

  /** The raw bytes: counts them and remembers whether the source itself failed or ended. */
  private static final class Source extends FilterInputStream {
    long count;
    boolean failed;
    boolean ended;

    Source(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n;
      try {
        n = in.read(buffer, offset, length);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
      if (n < 0) {
        ended = true;
      } else {
        count += n;
      }
      return n;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }

  /** A buffered view of the source that knows the offset of the next byte it will return. */
  private static final class Positioned extends BufferedInputStream {
    private final Source source;

    Positioned(Source source, int size) {
      super(source, size);
      this.source = source;
    }

    synchronized long position() {
      return source.count - unread();
    }

    synchronized int unread() {
      return count - pos;
    }
  }
}
