package io.k2.ingest.write;

import java.io.IOException;
import org.apache.iceberg.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * An Iceberg output file as parquet-mr's, remembering how many bytes were written once the stream
 * is closed: the data file's size, without asking the store.
 */
final class ParquetOutput implements org.apache.parquet.io.OutputFile {

  private final OutputFile file;
  private long length = -1;

  ParquetOutput(OutputFile file) {
    this.file = file;
  }

  /** The bytes written, known once the file is closed. */
  long length() {
    if (length < 0) {
      throw new IllegalStateException("not closed yet: " + file.location());
    }
    return length;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) {
    return new Stream(file.create());
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) {
    return new Stream(file.createOrOverwrite());
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return file.location();
  }

  private final class Stream extends PositionOutputStream {
    private final org.apache.iceberg.io.PositionOutputStream out;

    Stream(org.apache.iceberg.io.PositionOutputStream out) {
      this.out = out;
    }

    @Override
    public long getPos() throws IOException {
      return out.getPos();
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      long written = out.getPos();
      out.close();
      length = written;
    }
  }
}
