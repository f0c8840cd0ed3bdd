package io.k2.ingest.write;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.SchemaParser;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.parquet.ParquetSchemaUtil;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * One Parquet data file of a table, written from buffered rows through parquet-mr with the table's
 * settings (see {@link ParquetSettings}); the Parquet schema comes from the table schema, so it
 * carries Iceberg's field ids. On close it describes itself as a {@link DataFile} whose metrics
 * come from the written footer under the table's metrics configuration, as Iceberg's own writer
 * does.
 */
final class DataFileAppender implements Closeable {

  private final Table table;
  private final EncryptedOutputFile file;
  private final StructLike partition;
  private final ParquetOutput output;
  private final ParquetWriter<RowColumns> writer;
  private long rows;
  private DataFile dataFile;

  DataFileAppender(
      Table table, ParquetSettings settings, EncryptedOutputFile file, StructLike partition)
      throws IOException {
    this.table = table;
    this.file = file;
    this.partition = partition;
    this.output = new ParquetOutput(file.encryptingOutputFile());
    RowWriteSupport support =
        new RowWriteSupport(
            ParquetSchemaUtil.convert(table.schema(), "table"),
            Map.of("iceberg.schema", SchemaParser.toJson(table.schema())));
    // Overwrite, as Iceberg's writers do: the same object written again reuses its file names.
    this.writer =
        settings
            .apply(new Builder(output, support))
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .build();
  }

  String location() {
    return file.encryptingOutputFile().location();
  }

  void write(RowColumns columns, int row) throws IOException {
    columns.select(row);
    writer.write(columns);
    rows++;
  }

  long rows() {
    return rows;
  }

  /** Bytes written so far plus those buffered: what the file would be if closed now, roughly. */
  long length() {
    return writer.getDataSize();
  }

  @Override
  public void close() throws IOException {
    if (dataFile != null) {
      return;
    }
    writer.close();
    ParquetMetadata footer = writer.getFooter();
    dataFile =
        DataFiles.builder(table.spec())
            .withFormat(FileFormat.PARQUET)
            .withPath(location())
            .withPartition(partition)
            .withEncryptionKeyMetadata(file.keyMetadata())
            .withFileSizeInBytes(output.length())
            .withMetrics(
                ParquetUtil.footerMetrics(footer, Stream.empty(), MetricsConfig.forTable(table)))
            .withSplitOffsets(ParquetUtil.getSplitOffsets(footer))
            .withSortOrder(table.sortOrder())
            .build();
  }

  /** The file as the table's data file, once closed. */
  DataFile dataFile() {
    if (dataFile == null) {
      throw new IllegalStateException("not closed yet: " + location());
    }
    return dataFile;
  }

  private static final class Builder extends ParquetWriter.Builder<RowColumns, Builder> {
    private final RowWriteSupport support;

    Builder(ParquetOutput file, RowWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<RowColumns> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
      return support;
    }
  }
}
