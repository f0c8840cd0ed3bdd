package io.k2.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads tables back through an independent Iceberg catalog client, the way a query engine would.
 */
public final class TableReader {

  private final Catalog catalog;

  public TableReader(Catalog catalog) {
    this.catalog = catalog;
  }

  public Table table(String name) {
    return catalog.loadTable(TableIdentifier.parse(name));
  }

  public List<Record> rows(String name) {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(table(name)).build()) {
      read.forEach(r -> rows.add(r.copy()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  public List<Snapshot> snapshots(String name) {
    List<Snapshot> snapshots = new ArrayList<>();
    table(name).snapshots().forEach(snapshots::add);
    return snapshots;
  }

  public Long currentSnapshotId(String name) {
    Snapshot current = table(name).currentSnapshot();
    return current == null ? null : current.snapshotId();
  }

  public List<DataFile> dataFiles(String name) {
    Table table = table(name);
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      return StreamSupport.stream(tasks.spliterator(), false)
          .map(t -> (DataFile) t.file())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
