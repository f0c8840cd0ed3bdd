package io.k2.ingest.domain;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/** Everything needed to create a table, or to tell whether an existing one has drifted from it. */
public record TableDefinition(
    MarketTable kind,
    TableIdentifier identifier,
    Schema schema,
    PartitionSpec spec,
    SortOrder sortOrder,
    Map<String, String> properties) {

  public TableDefinition {
    properties = Map.copyOf(properties);
  }

  /**
   * Creates the table in {@code catalog} exactly as defined.
   *
   * @throws org.apache.iceberg.exceptions.AlreadyExistsException when it exists already
   */
  public Table createIn(Catalog catalog) {
    return catalog
        .buildTable(identifier, schema)
        .withPartitionSpec(spec)
        .withSortOrder(sortOrder)
        .withProperties(properties)
        .create();
  }
}
