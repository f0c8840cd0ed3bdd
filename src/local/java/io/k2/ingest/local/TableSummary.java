package io.k2.ingest.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;

/**
 * A table's state as the catalog reports it: rows and data files of its current snapshot, rows per
 * partition (per day for the market data tables), and how many snapshots it has.
 *
 * @param name {@code namespace.table}
 * @param partitions partition ({@code 2014-03-10}) to rows, in order
 */
public record TableSummary(
    String name, long rows, int files, int snapshots, SortedMap<String, Long> partitions) {

  public TableSummary {
    partitions = Collections.unmodifiableSortedMap(new TreeMap<>(partitions));
  }

  /** Every table in every top-level namespace of the catalog, by name. */
  public static SortedMap<String, TableSummary> allTables(Catalog catalog) {
    List<Namespace> namespaces =
        catalog instanceof SupportsNamespaces nested ? nested.listNamespaces() : List.of();
    SortedMap<String, TableSummary> tables = new TreeMap<>();
    for (Namespace namespace : namespaces) {
      for (TableIdentifier id : catalog.listTables(namespace)) {
        TableSummary summary = of(id.toString(), catalog.loadTable(id));
        tables.put(summary.name(), summary);
      }
    }
    return tables;
  }

  /** Reads one table's current snapshot: its data files and their row counts. */
  public static TableSummary of(String name, Table table) {
    SortedMap<String, Long> partitions = new TreeMap<>();
    long rows = 0;
    int files = 0;
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        long fileRows = task.file().recordCount();
        rows += fileRows;
        files++;
        partitions.merge(partitionName(task.spec(), task), fileRows, Long::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot plan a scan of " + name, e);
    }
    int snapshots = 0;
    for (var ignored : table.snapshots()) {
      snapshots++;
    }
    return new TableSummary(name, rows, files, snapshots, partitions);
  }

  /** {@code 2014-03-10} for a single day partition, {@code a=1/b=2} for several fields. */
  private static String partitionName(PartitionSpec spec, FileScanTask task) {
    if (spec.isUnpartitioned()) {
      return "(unpartitioned)";
    }
    String path = spec.partitionToPath(task.file().partition());
    return spec.fields().size() == 1 ? path.substring(path.indexOf('=') + 1) : path;
  }
}
