package io.k2.ingest.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.TestConfigs;
import io.k2.ingest.domain.MarketTables;
import java.util.Map;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TableInitializerTest {

  private InMemoryCatalog catalog;
  private TableInitializer initializer;

  @BeforeEach
  void setUp() {
    catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    initializer = new TableInitializer(catalog, new MarketTableRegistry(TestConfigs.k2()));
  }

  @Test
  void createsNamespaceAndBothTablesExactlyAsDefined() {
    InitReport report = initializer.initialize();

    assertThat(report.namespaceCreated()).isTrue();
    assertThat(report.changed()).isTrue();
    assertThat(report.tables())
        .extracting(InitReport.TableStatus::table, InitReport.TableStatus::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("market_data.trades", "created"),
            org.assertj.core.groups.Tuple.tuple("market_data.quotes", "created"),
            org.assertj.core.groups.Tuple.tuple("market_data.ingest_log", "created"));
    assertThat(catalog.listTables(Namespace.of("market_data")))
        .containsExactlyInAnyOrder(
            TableIdentifier.of("market_data", "trades"),
            TableIdentifier.of("market_data", "quotes"),
            TableIdentifier.of("market_data", "ingest_log"));

    Table trades = catalog.loadTable(TableIdentifier.of("market_data", "trades"));
    assertThat(trades.schema().asStruct()).isEqualTo(MarketTables.TRADES_SCHEMA.asStruct());
    assertThat(trades.schema().findField(5).type()).isEqualTo(Types.DecimalType.of(18, 6));
    assertThat(trades.spec().fields())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.name()).isEqualTo("exchange_date");
              assertThat(f.transform().toString()).isEqualTo("day");
              assertThat(f.sourceId()).isEqualTo(4);
            });
    assertThat(trades.sortOrder().fields())
        .extracting(f -> f.sourceId() + " " + f.direction())
        .containsExactly("4 ASC", "11 ASC");
    assertThat(((HasTableOperations) trades).operations().current().formatVersion()).isEqualTo(2);
    assertThat(trades.properties())
        .containsEntry("write.parquet.compression-codec", "zstd")
        .containsEntry("write.parquet.row-group-size-bytes", "134217728")
        .containsEntry("write.parquet.page-size-bytes", "1048576");

    Table quotes = catalog.loadTable(TableIdentifier.of("market_data", "quotes"));
    assertThat(quotes.schema().asStruct()).isEqualTo(MarketTables.QUOTES_SCHEMA.asStruct());
    assertThat(quotes.sortOrder().fields())
        .extracting(f -> f.sourceId() + " " + f.direction())
        .containsExactly("4 ASC", "10 ASC");
  }

  @Test
  void secondRunChangesNothingAndSaysSo() {
    initializer.initialize();
    long metadataBefore = metadataVersion("trades");

    InitReport again = initializer.initialize();

    assertThat(again.changed()).isFalse();
    assertThat(again.namespaceCreated()).isFalse();
    assertThat(again.tables()).extracting(InitReport.TableStatus::status).containsOnly("existed");
    assertThat(again.tables()).allSatisfy(t -> assertThat(t.differences()).isEmpty());
    assertThat(metadataVersion("trades")).isEqualTo(metadataBefore);
  }

  @Test
  void reportsEveryDriftWithoutTouchingTheTable() {
    initializer.initialize();
    Table trades = catalog.loadTable(TableIdentifier.of("market_data", "trades"));
    trades.updateSchema().addColumn("note", Types.StringType.get()).commit();
    trades.updateProperties().set("write.parquet.compression-codec", "snappy").commit();
    trades.replaceSortOrder().asc("symbol").commit();
    long metadataBefore = metadataVersion("trades");

    InitReport report = initializer.initialize();

    InitReport.TableStatus status = report.tables().get(0);
    assertThat(status.status()).isEqualTo("drifted");
    assertThat(report.drifted()).isTrue();
    assertThat(status.differences())
        .containsExactly(
            "column 13 'note' string optional is not in the definition",
            "sort order is [identity(symbol) ASC NULLS FIRST], expected "
                + "[identity(exchange_timestamp) ASC NULLS FIRST, identity(sequence_number) ASC NULLS FIRST]",
            "property write.parquet.compression-codec is snappy, expected zstd");
    assertThat(report.tables().subList(1, 3))
        .extracting(InitReport.TableStatus::status)
        .containsOnly("existed");
    assertThat(metadataVersion("trades")).isEqualTo(metadataBefore);
  }

  private long metadataVersion(String table) {
    return ((HasTableOperations) catalog.loadTable(TableIdentifier.of("market_data", table)))
        .operations()
        .current()
        .lastUpdatedMillis();
  }
}
