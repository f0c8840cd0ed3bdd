package io.k2.ingest.write;

import io.k2.ingest.domain.MarketTables;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.DataWriteResult;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.RollingDataWriter;
import org.apache.iceberg.util.PropertyUtil;

/**
 * Writes one landed object's rows as sorted Parquet data files, one or more per day partition. At
 * most {@code bufferRows} rows are held in memory: when the buffer fills, each day's rows are
 * sorted and written out, so a large object becomes several files per day, each sorted within.
 *
 * <p>File names derive from {@code operationId} and a running count, so the same object written
 * again produces the same names. Nothing is committed here: the files are handed to the committer,
 * or deleted by {@link #abort()}.
 */
public final class ObjectFileWriter implements Closeable {

  private final Table table;
  private final int bufferRows;
  private final long targetFileBytes;
  private final GenericFileWriterFactory writers;
  private final OutputFileFactory files;
  private final PartitionKey partitionKey;
  private final InternalRecordWrapper wrapper;
  private final DayBuffer buffer;
  private final List<DataFile> written = new ArrayList<>();
  private final List<String> dayFiles = new ArrayList<>();
  private RollingDataWriter<Record> open;
  private long rows;

  public ObjectFileWriter(Table table, String operationId, int bufferRows) {
    this.table = table;
    this.bufferRows = bufferRows;
    this.targetFileBytes =
        PropertyUtil.propertyAsLong(
            table.properties(),
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
    this.writers =
        new GenericFileWriterFactory.Builder(table)
            .dataFileFormat(FileFormat.PARQUET)
            .dataSchema(table.schema())
            .dataSortOrder(table.sortOrder())
            .build();
    this.files =
        OutputFileFactory.builderFor(table, 0, 0)
            .format(FileFormat.PARQUET)
            .operationId(operationId)
            .build();
    requireDailySpec(table);
    this.partitionKey = new PartitionKey(table.spec(), table.schema());
    this.wrapper = new InternalRecordWrapper(table.schema().asStruct());
    this.buffer = new DayBuffer(table.schema());
  }

  public void write(Record record) {
    buffer.add(record);
    if (buffer.size() >= bufferRows) {
      flush();
    }
  }

  /** Writes what is still buffered and returns every file written for the object. */
  public WrittenFiles finish() {
    flush();
    long bytes = written.stream().mapToLong(DataFile::fileSizeInBytes).sum();
    return new WrittenFiles(written, rows, bytes);
  }

  /** Deletes every file this writer wrote, including one left half-written by a failure. */
  public void abort() {
    closeQuietly();
    written.forEach(file -> table.io().deleteFile(file.location()));
    written.clear();
  }

  @Override
  public void close() {
    closeQuietly();
  }

  // Rows are grouped by day before the spec is applied; any other spec would mix partitions.
  private static void requireDailySpec(Table table) {
    PartitionSpec expected = MarketTables.spec(table.schema());
    if (!table.spec().compatibleWith(expected)) {
      throw new IllegalStateException(
          "table "
              + table.name()
              + " is partitioned by "
              + table.spec().fields()
              + ", expected "
              + expected.fields()
              + ": run the init function to see the drift");
    }
  }

  private void flush() {
    for (Map.Entry<Integer, List<Record>> day : buffer.drainSorted().entrySet()) {
      writeDay(day.getValue());
    }
  }

  private void writeDay(List<Record> sorted) {
    PartitionSpec spec = table.spec();
    // The day was computed cheaply for grouping; the partition value comes from the table's spec.
    partitionKey.partition(wrapper.wrap(sorted.get(0)));
    open =
        new RollingDataWriter<>(
            writers, files, table.io(), targetFileBytes, spec, partitionKey.copy());
    // Not try-with-resources: after a failure the writer stays open, so that abort() still knows
    // the files of this day and can delete them.
    dayFiles.clear();
    dayFiles.add(open.currentFilePath().toString());
    try {
      for (Record row : sorted) {
        open.write(row);
        if (open.currentFileRows() == 0) {
          dayFiles.add(open.currentFilePath().toString()); // rolled over to a new file
        }
      }
      open.close();
    } catch (IOException e) {
      throw new UncheckedIOException("writing data files for " + table.name(), e);
    }
    DataWriteResult result = open.result();
    open = null;
    written.addAll(result.dataFiles());
    rows += sorted.size();
  }

  // Only reached when a write failed: removes every file of the day being written. Files that
  // already rolled over are complete objects that the writer names only once it closes cleanly,
  // which after a storage failure it may never do; so their paths were kept as they opened.
  private void closeQuietly() {
    if (open == null) {
      return;
    }
    RollingDataWriter<Record> failed = open;
    open = null;
    try {
      failed.close();
    } catch (IOException | RuntimeException e) {
      // Already failing; the original error is the one worth reporting.
    }
    for (String path : dayFiles) {
      try {
        table.io().deleteFile(path);
      } catch (NotFoundException e) {
        // Never stored, or an empty file the writer removed itself.
      }
    }
  }
}
