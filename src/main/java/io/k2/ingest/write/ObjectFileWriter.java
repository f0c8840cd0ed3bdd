package io.k2.ingest.write;

import io.k2.ingest.domain.Columns;
import io.k2.ingest.domain.MarketRow;
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
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.util.PropertyUtil;

/**
 * Writes one landed object's rows as sorted Parquet data files, one or more per day partition. At
 * most {@code bufferRows} rows are held in memory, by column: when the buffer fills, each day's
 * rows are written out in the table's sort order, so a large object becomes several files per day,
 * each sorted within. A day rolls over into a new file once its file reaches the table's target
 * file size (checked every {@value #ROWS_PER_SIZE_CHECK} rows, as Iceberg's rolling writer does).
 *
 * <p>File names derive from {@code operationId} and a running count, so the same object written
 * again produces the same names. Nothing is committed here: the files are handed to the committer,
 * or deleted by {@link #abort()}.
 */
public final class ObjectFileWriter implements Closeable {

  static final int ROWS_PER_SIZE_CHECK = 1000;

  private final Table table;
  private final int bufferRows;
  private final long targetFileBytes;
  private final ParquetSettings settings;
  private final OutputFileFactory files;
  private final PartitionKey partitionKey;
  private final int timestampPos;
  private final DayBuffer buffer;
  private final List<DataFile> written = new ArrayList<>();
  private final List<String> dayFiles = new ArrayList<>();
  private DataFileAppender open;
  private long rows;

  public ObjectFileWriter(Table table, String operationId, int bufferRows) {
    this.table = table;
    this.bufferRows = bufferRows;
    this.targetFileBytes =
        PropertyUtil.propertyAsLong(
            table.properties(),
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
    this.settings = new ParquetSettings(table.properties());
    this.files =
        OutputFileFactory.builderFor(table, 0, 0)
            .format(FileFormat.PARQUET)
            .operationId(operationId)
            .build();
    requireDailySpec(table);
    this.partitionKey = new PartitionKey(table.spec(), table.schema());
    this.timestampPos = Columns.position(table.schema(), Columns.EXCHANGE_TIMESTAMP);
    this.buffer = new DayBuffer(table.schema());
  }

  /** Takes the row's values; the row may be refilled once this returns. */
  public void write(MarketRow row) {
    buffer.add(row);
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
    RuntimeException failure = deleteWritten();
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Deletes every file of a writer abandoned because of {@code cause}. A file that cannot be
   * deleted is recorded on {@code cause}, which stays the error worth reporting; maintenance's
   * orphan search removes the file later.
   */
  public void abortAfter(Throwable cause) {
    RuntimeException failure = deleteWritten();
    if (failure != null) {
      cause.addSuppressed(failure);
    }
  }

  // Tries every file even after one fails; returns the first failure, later ones suppressed in it.
  private RuntimeException deleteWritten() {
    closeQuietly();
    RuntimeException failure = null;
    for (DataFile file : written) {
      try {
        table.io().deleteFile(file.location());
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    written.clear();
    return failure;
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
    RowColumns columns = buffer.columns();
    try {
      for (Map.Entry<Integer, int[]> day : buffer.sortedDays().entrySet()) {
        writeDay(columns, day.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing data files for " + table.name(), e);
    }
    buffer.clear();
  }

  private void writeDay(RowColumns columns, int[] sorted) throws IOException {
    // The day was computed cheaply for grouping; the partition value comes from the table's spec.
    long micros = columns.number(timestampPos, sorted[0]);
    partitionKey.partition(timestampOnly(micros));
    StructLike partition = partitionKey.copy();
    // Not try-with-resources: after a failure the file stays open, so that abort() still knows
    // the files of this day and can delete them.
    dayFiles.clear();
    List<DataFile> day = new ArrayList<>();
    open = newFile(partition);
    for (int row : sorted) {
      if (open.rows() > 0
          && open.rows() % ROWS_PER_SIZE_CHECK == 0
          && open.length() >= targetFileBytes) {
        open.close();
        day.add(open.dataFile());
        open = newFile(partition);
      }
      open.write(columns, row);
    }
    open.close();
    day.add(open.dataFile());
    open = null;
    written.addAll(day);
    rows += sorted.length;
  }

  private DataFileAppender newFile(StructLike partition) throws IOException {
    DataFileAppender file =
        new DataFileAppender(
            table, settings, files.newOutputFile(table.spec(), partition), partition);
    dayFiles.add(file.location());
    return file;
  }

  /** A row as Iceberg's partition transforms see it, of which only the timestamp is read. */
  private StructLike timestampOnly(long micros) {
    return new StructLike() {
      @Override
      public int size() {
        return table.schema().columns().size();
      }

      @Override
      public <T> T get(int pos, Class<T> javaClass) {
        if (pos != timestampPos) {
          throw new IllegalArgumentException("only the exchange timestamp is known here");
        }
        return javaClass.cast(micros);
      }

      @Override
      public <T> void set(int pos, T value) {
        throw new UnsupportedOperationException("read-only");
      }
    };
  }

  // Only reached when a write failed: removes every file of the day being written. Files that
  // already rolled over are complete objects that no result names yet, so their paths were kept
  // as they opened.
  private void closeQuietly() {
    if (open == null) {
      return;
    }
    DataFileAppender failed = open;
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
        // Never stored.
      }
    }
  }
}
