package io.k2.ingest.catalog;

import io.k2.ingest.config.K2Config;
import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.domain.MarketTables;
import io.k2.ingest.domain.TableDefinition;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import org.apache.iceberg.catalog.Namespace;

/** The table definitions as configured: namespace, names and property overrides applied. */
@Singleton
public class MarketTableRegistry {

  private final K2Config.TablesConfig tables;

  @Inject
  public MarketTableRegistry(K2Config config) {
    this.tables = config.tables();
  }

  public Namespace namespace() {
    return Namespace.of(tables.namespace().split("\\."));
  }

  public TableDefinition definition(MarketTable table) {
    return MarketTables.definition(table, namespace(), tables.name(table), tables.properties());
  }

  public List<TableDefinition> all() {
    return Arrays.stream(MarketTable.values()).map(this::definition).toList();
  }
}
