package io.k2.ingest.lambda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.TestConfigs;
import io.k2.ingest.catalog.StorageCheck;
import io.k2.ingest.catalog.StorageUnavailableException;
import io.k2.ingest.domain.MarketTables;
import io.k2.ingest.local.LocalClients;
import io.k2.ingest.support.EmbeddedServersResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The init function, invoked through the Lambda event path against the in-process servers. */
@QuarkusTest
@TestProfile(InitFunctionProfile.class)
@QuarkusTestResource(EmbeddedServersResource.class)
class InitFunctionTest {

  @ConfigProperty(name = "quarkus.s3.endpoint-override")
  URI s3Endpoint;

  @ConfigProperty(name = "k2.catalog.uri")
  URI catalogUri;

  private RESTCatalog catalog;

  @BeforeEach
  void connect() {
    catalog = LocalClients.restCatalog(catalogUri, s3Endpoint);
    for (String table : List.of("trades", "quotes", "ingest_log")) {
      catalog.dropTable(TableIdentifier.of("market_data", table), true);
    }
  }

  @AfterEach
  void disconnect() throws Exception {
    catalog.close();
  }

  @Test
  void createsBothTablesExactlyAsDefinedThenChangesNothing() {
    JsonPath first = invokeInit();

    assertThat(first.getList("tables.status")).containsExactly("created", "created", "created");
    assertThat(first.getList("tables.table"))
        .containsExactly("market_data.trades", "market_data.quotes", "market_data.ingest_log");
    assertThat(catalog.listTables(Namespace.of("market_data")))
        .contains(
            TableIdentifier.of("market_data", "trades"),
            TableIdentifier.of("market_data", "quotes"));
    Table trades = catalog.loadTable(TableIdentifier.of("market_data", "trades"));
    assertThat(trades.schema().asStruct()).isEqualTo(MarketTables.TRADES_SCHEMA.asStruct());
    assertThat(trades.schema().findField("price").type()).isEqualTo(Types.DecimalType.of(18, 6));
    assertThat(trades.spec().fields())
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.name() + "=" + f.transform() + "(" + f.sourceId() + ")")
                    .isEqualTo("exchange_date=day(4)"));
    assertThat(trades.sortOrder().fields())
        .extracting(f -> f.sourceId() + " " + f.direction())
        .containsExactly("4 ASC", "11 ASC");
    assertThat(((HasTableOperations) trades).operations().current().formatVersion()).isEqualTo(2);
    assertThat(trades.properties())
        .containsAllEntriesOf(
            Map.of(
                "write.parquet.compression-codec", "zstd",
                "write.parquet.row-group-size-bytes", "134217728",
                "write.parquet.page-size-bytes", "1048576"));
    Table quotes = catalog.loadTable(TableIdentifier.of("market_data", "quotes"));
    assertThat(quotes.schema().asStruct()).isEqualTo(MarketTables.QUOTES_SCHEMA.asStruct());

    JsonPath second = invokeInit();

    assertThat(second.getBoolean("changed")).isFalse();
    assertThat(second.getList("tables.status")).containsExactly("existed", "existed", "existed");
  }

  @Test
  void reportsDriftAndLeavesTheTableAlone() {
    invokeInit();
    Table quotes = catalog.loadTable(TableIdentifier.of("market_data", "quotes"));
    quotes.updateProperties().set("write.parquet.page-size-bytes", "8192").commit();

    JsonPath report = invokeInit();

    assertThat(report.getList("tables.status")).containsExactly("existed", "drifted", "existed");
    assertThat(report.getList("tables[1].differences"))
        .containsExactly("property write.parquet.page-size-bytes is 8192, expected 1048576");
    assertThat(catalog.loadTable(TableIdentifier.of("market_data", "quotes")).properties())
        .containsEntry("write.parquet.page-size-bytes", "8192");
  }

  @Test
  void storageCheckNamesTheBucketItCannotUse() {
    var s3 = LocalClients.s3(s3Endpoint);

    assertThatThrownBy(
            () ->
                new StorageCheck(
                        s3,
                        TestConfigs.k2(Map.of("k2.catalog.warehouse", "s3://no-such-warehouse/")))
                    .verify())
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageStartingWith("warehouse s3://no-such-warehouse/ is not writable: ");
    assertThatThrownBy(
            () ->
                new StorageCheck(
                        s3,
                        TestConfigs.k2(
                            Map.of(
                                "k2.catalog.warehouse",
                                io.k2.ingest.local.LocalFunctionConfiguration.WAREHOUSE,
                                "k2.landing.buckets",
                                "no-such-landing")))
                    .verify())
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageStartingWith("landing bucket no-such-landing is not readable: ");
  }

  private static JsonPath invokeInit() {
    return given()
        .contentType("application/json")
        .accept("application/json")
        .body("{}")
        .when()
        .post()
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
