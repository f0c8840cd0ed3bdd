package io.k2.ingest.local.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.formats.FormatModelRegistry;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads every data file on its own and counts those not in (exchange_timestamp, sequence) order.
 */
final class FileOrder {

  private FileOrder() {}

  static int unsortedFiles(Table table) {
    int unsorted = 0;
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        if (!sorted(table, task)) {
          unsorted++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return unsorted;
  }

  private static boolean sorted(Table table, FileScanTask task) {
    try (CloseableIterable<Record> rows =
        FormatModelRegistry.<Record, Object>readBuilder(
                FileFormat.PARQUET, Record.class, table.io().newInputFile(task.file().location()))
            .project(table.schema())
            .build()) {
      LocalDateTime lastTime = null;
      long lastSequence = Long.MIN_VALUE;
      for (Record row : rows) {
        LocalDateTime time = (LocalDateTime) row.getField("exchange_timestamp");
        long sequence = (Long) row.getField("sequence_number");
        if (lastTime != null
            && (time.isBefore(lastTime) || (time.equals(lastTime) && sequence < lastSequence))) {
          return false;
        }
        lastTime = time;
        lastSequence = sequence;
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
