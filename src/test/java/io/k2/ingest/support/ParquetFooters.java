package io.k2.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.io.FileIO;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** Reads a data file's Parquet footer through any Iceberg FileIO, to check how it was written. */
public final class ParquetFooters {

  private ParquetFooters() {}

  public static ParquetMetadata footer(FileIO io, String location) {
    org.apache.iceberg.io.InputFile file = io.newInputFile(location);
    InputFile parquetFile =
        new InputFile() {
          @Override
          public long getLength() {
            return file.getLength();
          }

          @Override
          public SeekableInputStream newStream() {
            org.apache.iceberg.io.SeekableInputStream in = file.newStream();
            return new DelegatingSeekableInputStream(in) {
              @Override
              public long getPos() throws IOException {
                return in.getPos();
              }

              @Override
              public void seek(long position) throws IOException {
                in.seek(position);
              }
            };
          }
        };
    try (ParquetFileReader reader = ParquetFileReader.open(parquetFile)) {
      return reader.getFooter();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every column chunk's compression codec in the file. */
  public static Set<String> codecs(FileIO io, String location) {
    return footer(io, location).getBlocks().stream()
        .flatMap(block -> block.getColumns().stream())
        .map(column -> column.getCodec().name())
        .collect(Collectors.toSet());
  }
}
