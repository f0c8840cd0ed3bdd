package io.k2.ingest.commit;

import io.k2.ingest.support.IcebergServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/** What a table holds, read back through Iceberg, and what its storage holds. */
final class TableFacts {

  private TableFacts() {}

  /** Every row as {@code source_file#sequence_number/volume}, sorted. */
  static List<String> rows(Table table) {
    table.refresh();
    List<String> rows = new ArrayList<>();
    if (table.currentSnapshot() == null) {
      return rows;
    }
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
      read.forEach(r -> rows.add(describe(r)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows.stream().sorted().toList();
  }

  static String describe(Record row) {
    return row.getField("source_file")
        + "#"
        + row.getField("sequence_number")
        + "/"
        + row.getField("volume");
  }

  /** The rows object {@code delivery} stages, described as {@link #rows} does. */
  static List<String> rowsOf(Delivery delivery) {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < delivery.rows(); i++) {
      rows.add(describe(Delivery.row(delivery.source().uri(), i)));
    }
    return rows;
  }

  /** The data files of the current snapshot. */
  static List<DataFile> dataFiles(Table table) {
    table.refresh();
    List<DataFile> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(t -> files.add(t.file()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  static List<String> paths(List<DataFile> files) {
    return files.stream().map(DataFile::location).sorted().toList();
  }

  /** Data files in storage that no snapshot of the table references. */
  static List<String> unreferencedDataFiles(IcebergServers servers, Table table) {
    table.refresh();
    Set<String> referenced = new HashSet<>();
    for (Snapshot snapshot : table.snapshots()) {
      snapshot.addedDataFiles(table.io()).forEach(f -> referenced.add(f.location()));
    }
    String bucketRoot = "s3://warehouse/";
    String dataPrefix = table.location().substring(bucketRoot.length()) + "/data/";
    return servers.keysUnder(dataPrefix).stream()
        .map(key -> bucketRoot + key)
        .filter(path -> !referenced.contains(path))
        .toList();
  }

  static boolean exists(Table table, DataFile file) {
    return table.io().newInputFile(file.location()).exists();
  }
}
