package io.k2.ingest.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.local.LocalLambdaRuntime.FunctionSettings;
import io.k2.ingest.local.LocalLambdaRuntime.Invocation;
import io.k2.ingest.support.Landing;
import io.k2.ingest.support.Landing.Landed;
import io.k2.ingest.support.TestWarehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The maintenance function from {@code target/function.zip}, as {@link PackagedFunctionIT} runs
 * init and ingest: small files landed one by one through the packaged ingest function, then one
 * pass of every step through the packaged maintenance function (compaction reads the Parquet files
 * back and merges them, manifests are rewritten, snapshots expired, orphans looked for), read back
 * through Iceberg. A trim of the package that breaks any of these paths fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackagedMaintenanceIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRADES = "market_data.trades";
  private static final String HEADER =
      "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,venue,buyer_id\n";
  private static final int FILES = 4;

  private SystemPropertiesSnapshot systemProperties;
  private EmbeddedS3 s3;
  private EmbeddedRestCatalog catalogServer;
  private TestWarehouse warehouse;
  private FunctionPackage function;
  private Map<String, String> configuration;
  private final PrintStream log = new PrintStream(System.err, true, StandardCharsets.UTF_8);

  @BeforeAll
  void deployTheZipOnFreshServers(@TempDir Path dir) throws IOException {
    LocalAwsEnvironment.useDummyCredentials();
    systemProperties = SystemPropertiesSnapshot.take();
    function =
        PackagedFunctionIT.unpack(
            Path.of(System.getProperty("function.zip", "target/function.zip")),
            dir.resolve("task"));
    s3 = EmbeddedS3.inMemory();
    s3.createBucket(LocalFunctionConfiguration.LANDING_BUCKET);
    s3.createBucket(LocalFunctionConfiguration.WAREHOUSE_BUCKET);
    catalogServer =
        EmbeddedRestCatalog.start(
            s3.endpoint(), LocalFunctionConfiguration.WAREHOUSE, dir.resolve("catalog.db"));
    warehouse = TestWarehouse.connect(s3.endpoint(), catalogServer.uri());
    configuration =
        new HashMap<>(LocalFunctionConfiguration.forServers(s3.endpoint(), catalogServer.uri()));
    // Act on what a test can make within seconds: every snapshot but the newest is old enough to
    // expire, and a few manifests are enough to rewrite. Orphans keep their one-hour floor.
    configuration.put("k2.maintenance.snapshot-max-age", "PT0S");
    configuration.put("k2.maintenance.min-snapshots", "1");
    configuration.put("k2.maintenance.manifest-rewrite-min-count", "2");
    assertThat(start("init").invoke("{}").error()).isNull();
  }

  @AfterAll
  void stopServers() {
    try (EmbeddedS3 s3Server = s3;
        EmbeddedRestCatalog catalog = catalogServer;
        TestWarehouse client = warehouse) {
      systemProperties.restore();
    }
  }

  @Test
  void onePassCompactsRewritesManifestsExpiresSnapshotsAndKeepsYoungOrphans() throws IOException {
    LocalLambdaRuntime ingest = start("ingest");
    Landing landing = warehouse.landing();
    for (int f = 0; f < FILES; f++) {
      Landed file =
          landing.put(
              "trades/maintain/f" + f + ".csv",
              HEADER
                  + "PKM,9201,ASX,2014-05-06T10:00:0"
                  + f
                  + ",1.25,"
                  + (f + 1)
                  + ",0,,\n"
                  + "PKN,9202,ASX,2014-05-06T09:00:0"
                  + f
                  + ",2.5,10,0,,\n");
      JsonNode response = json(ingest.invoke(Landing.s3Event(file)));
      assertThat(response.path("objects").path(0).path("status").asText())
          .as(response.toString())
          .isEqualTo("committed");
    }
    assertThat(warehouse.tables().dataFiles(TRADES)).hasSize(FILES);
    List<String> rowsBefore = values(warehouse.tables().rows(TRADES));
    Table table = warehouse.tables().table(TRADES);
    String young = plantOrphan(table, table.location() + "/data/abandoned-young.parquet");

    JsonNode report =
        json(start("maintain").invoke("{\"tables\":[\"trades\"],\"min_partition_age\":\"PT0S\"}"));

    JsonNode trades = report.path("tables").path(0);
    assertThat(trades.path("problems").size()).as(report.toString()).isZero();
    JsonNode partition = trades.path("partitions").path(0);
    assertThat(partition.path("outcome").asText()).as(report.toString()).isEqualTo("compacted");
    assertThat(partition.path("files_before").asInt()).isEqualTo(FILES);
    assertThat(partition.path("files_after").asInt()).isEqualTo(1);
    assertThat(trades.path("manifests_after").asInt())
        .isLessThan(trades.path("manifests_before").asInt());
    assertThat(trades.path("snapshots_expired").asInt()).isGreaterThanOrEqualTo(FILES);
    assertThat(trades.path("orphans_removed").asInt()).isZero();

    List<DataFile> files = warehouse.tables().dataFiles(TRADES);
    assertThat(files).hasSize(1);
    assertThat(warehouse.tables().snapshots(TRADES)).hasSize(1);
    List<Record> rows = warehouse.tables().rows(TRADES);
    assertThat(values(rows)).isEqualTo(rowsBefore);
    assertThat(rows.stream().map(r -> (BigDecimal) r.getField("price")))
        .hasSize(2 * FILES)
        .allSatisfy(p -> assertThat(p.scale()).isEqualTo(6));
    // Merged in the table's sort order: by exchange_timestamp, so every 09:00 row comes first.
    assertThat(warehouse.tables().rows(TRADES))
        .extracting(r -> r.getField("symbol").toString())
        .containsExactly("PKN", "PKN", "PKN", "PKN", "PKM", "PKM", "PKM", "PKM");
    // Younger than the one-hour floor: an ingest may be about to commit it, so it stays.
    assertThat(table.io().newInputFile(young).exists()).isTrue();
  }

  private static String plantOrphan(Table table, String location) throws IOException {
    OutputFile file = table.io().newOutputFile(location);
    try (PositionOutputStream out = file.createOrOverwrite()) {
      out.write("not referenced by any snapshot".getBytes(StandardCharsets.UTF_8));
    }
    return location;
  }

  /** Every row as text, sorted: equal before and after a pass that must not change the data. */
  private static List<String> values(List<Record> rows) {
    List<String> values = new ArrayList<>();
    rows.forEach(r -> values.add(r.toString()));
    values.sort(null);
    return values;
  }

  private JsonNode json(Invocation call) throws IOException {
    assertThat(call.error()).as("the function threw").isNull();
    return JSON.readTree(call.response());
  }

  private LocalLambdaRuntime start(String handler) {
    Map<String, String> settings = new HashMap<>(configuration);
    settings.put("quarkus.lambda.handler", handler);
    return LocalLambdaRuntime.start(function, FunctionSettings.of(handler, settings), log);
  }
}
