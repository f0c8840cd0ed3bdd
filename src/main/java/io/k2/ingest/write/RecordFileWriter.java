package io.k2.ingest.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * Writes records of one partition as a single Parquet data file, in the order given (no rolling):
 * the load history's rows of one invocation, or a data file rewritten without a replaced key's
 * rows. Nothing is committed here.
 */
public final class RecordFileWriter {

  private RecordFileWriter() {}

  /** One file holding {@code rows}, in the partition of the first row. */
  public static DataFile write(Table table, List<Record> rows) {
    PartitionKey partition = new PartitionKey(table.spec(), table.schema());
    partition.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(rows.get(0)));
    return write(table, partition, rows, false);
  }

  /**
   * One file holding {@code rows} in {@code partition}; {@code sorted} when the rows are in the
   * table's sort order, which the file then records.
   */
  public static DataFile write(
      Table table, StructLike partition, Iterable<Record> rows, boolean sorted) {
    OutputFileFactory files =
        OutputFileFactory.builderFor(table, 0, 0)
            .format(FileFormat.PARQUET)
            .operationId(UUID.randomUUID().toString())
            .build();
    DataWriter<Record> writer =
        new GenericFileWriterFactory.Builder(table)
            .dataFileFormat(FileFormat.PARQUET)
            .dataSchema(table.schema())
            .dataSortOrder(sorted ? table.sortOrder() : SortOrder.unsorted())
            .build()
            .newDataWriter(files.newOutputFile(table.spec(), partition), table.spec(), partition);
    try (writer) {
      rows.forEach(writer::write);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + table.name(), e);
    }
    return writer.toDataFile();
  }
}
