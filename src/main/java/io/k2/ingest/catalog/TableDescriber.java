package io.k2.ingest.catalog;

import io.k2.ingest.domain.TableDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.exceptions.NoSuchTableException;

/** Answers the init function's {@code describe} request: every managed table, changing nothing. */
@ApplicationScoped
public class TableDescriber {

  private final Catalog catalog;
  private final MarketTableRegistry registry;

  @Inject
  public TableDescriber(Catalog catalog, MarketTableRegistry registry) {
    this.catalog = catalog;
    this.registry = registry;
  }

  public List<TableDescription> describe() {
    List<TableDescription> tables = new ArrayList<>();
    for (TableDefinition definition : registry.all()) {
      String name = definition.identifier().toString();
      try {
        tables.add(describe(name, definition, catalog.loadTable(definition.identifier())));
      } catch (NoSuchTableException missing) {
        tables.add(TableDescription.missing(name));
      }
    }
    return tables;
  }

  private static TableDescription describe(String name, TableDefinition definition, Table table) {
    List<TableDescription.Column> columns =
        table.schema().columns().stream()
            .map(
                f ->
                    new TableDescription.Column(
                        f.fieldId(), f.name(), f.type().toString(), f.isRequired()))
            .toList();
    Snapshot current = table.currentSnapshot();
    Map<String, String> summary = current == null ? Map.of() : current.summary();
    return new TableDescription(
        name,
        true,
        columns,
        partitionSpec(table),
        sortOrder(table),
        table.properties(),
        count(summary, SnapshotSummary.TOTAL_RECORDS_PROP),
        count(summary, SnapshotSummary.TOTAL_DATA_FILES_PROP),
        (int) java.util.stream.StreamSupport.stream(table.snapshots().spliterator(), false).count(),
        current == null ? null : current.snapshotId(),
        DriftDetector.differences(definition, table));
  }

  /** {@code exchange_date=day(exchange_timestamp)}: fields by name, not id. */
  private static String partitionSpec(Table table) {
    return table.spec().fields().stream()
        .map(
            f ->
                f.name()
                    + "="
                    + f.transform()
                    + "("
                    + table.schema().findColumnName(f.sourceId())
                    + ")")
        .collect(Collectors.joining(", "));
  }

  /** {@code exchange_timestamp ASC NULLS FIRST, ...}: fields by name, not id. */
  private static String sortOrder(Table table) {
    return table.sortOrder().fields().stream()
        .map(
            f ->
                table.schema().findColumnName(f.sourceId())
                    + " "
                    + f.direction()
                    + " "
                    + f.nullOrder())
        .collect(Collectors.joining(", "));
  }

  private static long count(Map<String, String> summary, String key) {
    String value = summary.get(key);
    return value == null ? 0 : Long.parseLong(value);
  }
}
