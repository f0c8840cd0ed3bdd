package io.k2.ingest.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.domain.MarketTables;
import io.k2.ingest.domain.TableDefinition;
import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.junit.jupiter.api.Test;

class TableSummaryTest {

  @Test
  void countsRowsFilesPartitionsAndSnapshotsOfEveryTable() throws IOException {
    try (InMemoryCatalog catalog = new InMemoryCatalog()) {
      catalog.initialize("test", Map.of());
      Namespace namespace = Namespace.of("market_data");
      catalog.createNamespace(namespace);
      Table trades = create(catalog, MarketTable.TRADES, namespace);
      create(catalog, MarketTable.QUOTES, namespace);

      trades
          .newAppend()
          .appendFile(file(trades, "2014-03-10", 100))
          .appendFile(file(trades, "2014-03-11", 7))
          .commit();
      trades.newAppend().appendFile(file(trades, "2014-03-10", 20)).commit();

      SortedMap<String, TableSummary> tables = TableSummary.allTables(catalog);

      assertThat(tables.keySet()).containsExactly("market_data.quotes", "market_data.trades");
      assertThat(tables.get("market_data.trades"))
          .isEqualTo(
              new TableSummary(
                  "market_data.trades",
                  127,
                  3,
                  2,
                  new TreeMap<>(Map.of("2014-03-10", 120L, "2014-03-11", 7L))));
      assertThat(tables.get("market_data.quotes").rows()).isZero();
      assertThat(tables.get("market_data.quotes").snapshots()).isZero();
    }
  }

  private static Table create(InMemoryCatalog catalog, MarketTable kind, Namespace namespace) {
    TableDefinition definition =
        MarketTables.definition(kind, namespace, kind.defaultName(), Map.of());
    return definition.createIn(catalog);
  }

  /** A data file entry; the summary reads manifests only, so no Parquet needs to exist. */
  private static DataFile file(Table table, String day, long rows) {
    return DataFiles.builder(table.spec())
        .withPath(table.location() + "/data/" + day + "-" + rows + ".parquet")
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(1024)
        .withRecordCount(rows)
        .withPartitionPath(MarketTables.PARTITION_FIELD + "=" + day)
        .build();
  }
}
