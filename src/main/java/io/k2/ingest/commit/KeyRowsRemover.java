package io.k2.ingest.commit;

import io.k2.ingest.domain.Columns;
import io.k2.ingest.write.RecordFileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.formats.FormatModelRegistry;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * Takes a key's rows out of a table inside an overwrite, copy-on-write, whatever the layout: a data
 * file holding only the key's rows is deleted; a file that mixes them with other keys' rows (after
 * compaction) is rewritten without them, in the same partition and order, and swapped in the same
 * commit. Plain data files result, which every engine reads (no delete files). The files are found
 * by {@code source_file}: its exact per-file bounds tell a file of the key alone from a mixed one
 * without reading it.
 */
final class KeyRowsRemover {

  private KeyRowsRemover() {}

  /** The filter that selects a key's rows, also the commit's conflict-detection filter. */
  static Expression rowsOf(String uri) {
    return Expressions.equal(Columns.SOURCE_FILE, uri);
  }

  /**
   * Adds to {@code overwrite} the removal of every row of {@code uri} in {@code base}; the files
   * written in place of mixed ones are added to {@code written}, for the caller to delete if the
   * commit fails.
   */
  static void remove(
      Table table, Snapshot base, String uri, OverwriteFiles overwrite, List<DataFile> written) {
    if (base == null) {
      return;
    }
    try (CloseableIterable<FileScanTask> tasks =
        table
            .newScan()
            .useSnapshot(base.snapshotId())
            .filter(rowsOf(uri))
            .includeColumnStats()
            .planFiles()) {
      for (FileScanTask task : tasks) {
        if (!task.deletes().isEmpty()) {
          throw new IllegalStateException(
              "data file " + task.file().location() + " has row-level deletes: not rewritten");
        }
        DataFile file = task.file();
        if (onlyRowsOf(table, file, uri)) {
          overwrite.deleteFile(file);
        } else {
          rewriteWithout(table, file, uri, overwrite, written);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("planning the rows of " + uri, e);
    }
  }

  private static boolean onlyRowsOf(Table table, DataFile file, String uri) {
    int field = table.schema().findField(Columns.SOURCE_FILE).fieldId();
    if (file.lowerBounds() == null || file.upperBounds() == null) {
      return false;
    }
    ByteBuffer lower = file.lowerBounds().get(field);
    ByteBuffer upper = file.upperBounds().get(field);
    Long nulls = file.nullValueCounts() == null ? null : file.nullValueCounts().get(field);
    if (lower == null || upper == null || nulls == null || nulls != 0) {
      return false;
    }
    // Bounds may be truncated: only an exact, equal pair proves every row is the key's.
    return text(lower).equals(uri) && text(upper).equals(uri);
  }

  private static String text(ByteBuffer bound) {
    return Conversions.<CharSequence>fromByteBuffer(Types.StringType.get(), bound).toString();
  }

  /**
   * Rewrites a mixed file without the key's rows, streaming (a compacted file may be large); leaves
   * it as it is when it held none after all.
   */
  private static void rewriteWithout(
      Table table, DataFile file, String uri, OverwriteFiles overwrite, List<DataFile> written) {
    boolean[] dropped = {false};
    boolean sorted =
        file.sortOrderId() != null && file.sortOrderId() == table.sortOrder().orderId();
    DataFile rewritten;
    try (CloseableIterable<Record> rows =
        FormatModelRegistry.<Record, Object>readBuilder(
                FileFormat.PARQUET, Record.class, table.io().newInputFile(file.location()))
            .project(table.schema())
            .build()) {
      CloseableIterable<Record> kept =
          CloseableIterable.filter(
              rows,
              row -> {
                Object source = row.getField(Columns.SOURCE_FILE);
                boolean ofKey = source != null && source.toString().equals(uri);
                dropped[0] |= ofKey;
                return !ofKey;
              });
      rewritten = RecordFileWriter.write(table, file.partition(), kept, sorted);
    } catch (IOException e) {
      throw new UncheckedIOException("rewriting " + file.location(), e);
    }
    if (!dropped[0] || rewritten.recordCount() == 0) {
      try {
        table.io().deleteFile(rewritten.location());
      } catch (NotFoundException e) {
        // An empty writer may not have created the file.
      }
    }
    if (!dropped[0]) {
      return;
    }
    overwrite.deleteFile(file);
    if (rewritten.recordCount() > 0) {
      overwrite.addFile(rewritten);
      written.add(rewritten);
    }
  }
}
