package io.k2.ingest.maintain;

import io.k2.ingest.commit.MaintenanceCommitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.formats.FormatModelRegistry;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.RollingDataWriter;
import org.apache.iceberg.util.PropertyUtil;

/**
 * Rewrites a group of one partition's sorted data files as files of the table's target size, in the
 * table's sort order, and swaps them in with one {@code replace} commit.
 *
 * <p>The rows are merged, not sorted: every input is already sorted (ingest writes sorted files),
 * so a k-way merge streams them with one open reader per input. Every column is copied as read.
 *
 * <p>The commit ({@link MaintenanceCommitter#replace}) is validated from the snapshot the files
 * were planned in; when it fails, the new files are deleted. Appends committed meanwhile are kept:
 * Iceberg retries the replace on top of them, as it retries an append on top of a replace.
 */
final class PartitionCompactor {

  private final Table table;
  private final Snapshot planned;
  private final Comparator<Record> order;
  private final long targetFileBytes;

  PartitionCompactor(Table table, Snapshot planned) {
    this.table = table;
    this.planned = planned;
    this.order = RowOrder.of(table.sortOrder(), table.schema());
    this.targetFileBytes =
        PropertyUtil.propertyAsLong(
            table.properties(),
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
  }

  long targetFileBytes() {
    return targetFileBytes;
  }

  /** Merges {@code inputs} (files of {@code partition}) and commits; returns the new files. */
  List<DataFile> compact(PartitionFiles partition, List<DataFile> inputs) {
    List<DataFile> written = write(partition, inputs);
    try {
      MaintenanceCommitter.replace(table, planned, inputs, written, partition.name());
    } catch (CommitStateUnknownException e) {
      // The replace may have landed: the new files must stay (orphan removal takes them if not).
      throw e;
    } catch (RuntimeException e) {
      written.forEach(file -> table.io().deleteFile(file.location()));
      throw e;
    }
    return written;
  }

  private List<DataFile> write(PartitionFiles partition, List<DataFile> inputs) {
    OutputFileFactory names =
        OutputFileFactory.builderFor(table, 0, 0)
            .format(FileFormat.PARQUET)
            .operationId("compact-" + UUID.randomUUID())
            .build();
    GenericFileWriterFactory writers =
        new GenericFileWriterFactory.Builder(table)
            .dataFileFormat(FileFormat.PARQUET)
            .dataSchema(table.schema())
            .dataSortOrder(table.sortOrder())
            .build();
    RollingDataWriter<Record> writer =
        new RollingDataWriter<>(
            writers, names, table.io(), targetFileBytes, partition.spec(), partition.partition());
    List<CloseableIterable<Record>> readers = inputs.stream().map(this::read).toList();
    try (writer;
        SortedMerge rows = new SortedMerge(readers, order)) {
      while (rows.hasNext()) {
        writer.write(rows.next());
      }
    } catch (IOException | RuntimeException e) {
      // Closed above whatever happened: what it finished is not committed, so it goes.
      writer.result().dataFiles().forEach(file -> table.io().deleteFile(file.location()));
      if (e instanceof IOException io) {
        throw new UncheckedIOException("Compacting " + partition.name() + " failed", io);
      }
      throw (RuntimeException) e;
    }
    return writer.result().dataFiles();
  }

  private CloseableIterable<Record> read(DataFile file) {
    return FormatModelRegistry.<Record, Object>readBuilder(
            FileFormat.PARQUET, Record.class, table.io().newInputFile(file.location()))
        .project(table.schema())
        .build();
  }
}
