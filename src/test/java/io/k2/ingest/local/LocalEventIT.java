package io.k2.ingest.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.support.TestWarehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code --event FILE --function ingest|init} with the packaged function (the build output's runner
 * jar and {@code lib/}), as a user runs it after {@code ./mvnw package}: every file in {@code
 * infra/events/} is sent once, in the order a user would (ingest files, then describe, then drop),
 * on one state folder whose landing bucket first gets the objects the events name (the shared ASX
 * sample files, whose ETags the notifications carry, and small CSV files at the Batch Operations
 * keys). Each answer on stdout is checked, the rows are read back through Iceberg, and every line
 * of the run's log files must be one JSON object.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalEventIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SAMPLE = Path.of("..", "shared", "data", "asx-sample");
  private static final String HEADER =
      "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers\n";

  private Path state;
  private SystemPropertiesSnapshot systemProperties;

  @BeforeAll
  void landTheObjectsTheEventsName(@TempDir Path dir) throws IOException {
    assumeTrue(Files.isDirectory(SAMPLE), "the shared ASX sample is not beside the repository");
    LocalAwsEnvironment.useDummyCredentials();
    systemProperties = SystemPropertiesSnapshot.take();
    state = dir.resolve("state");
    try (EmbeddedS3 s3 = EmbeddedS3.onDisk(state.resolve("s3"));
        S3Client client = LocalClients.s3(s3.endpoint())) {
      s3.createBucket(LocalFunctionConfiguration.LANDING_BUCKET);
      s3.createBucket(LocalFunctionConfiguration.WAREHOUSE_BUCKET);
      land(
          client, "asx/reference-data/company_info.csv", sample("reference-data/company_info.csv"));
      land(client, "asx/trades/day=2014-03-10 drop/7181.csv", sample("trades/7181.csv"));
      land(client, "asx/quotes/day=2014-03-10 drop/7181.csv", sample("quotes/7181.csv"));
      land(client, "asx/trades/3153.csv", sample("trades/3153.csv"));
      land(client, "trades/backfill/2014-03-10 desk.csv", trades("2014-03-10T10:00:00,36.71"));
      land(client, "trades/backfill/2014-03-11.csv", trades("2014-03-11T10:00:00,36.72"));
      land(client, "trades/backfill/bad.csv", trades("2014-03-11T10:00:01,not-a-price"));
    }
    Path init = Files.writeString(dir.resolve("init.json"), "{}");
    JsonNode created = send(init, "init");
    assertThat(created.path("tables").findValuesAsText("status"))
        .containsExactly("created", "created", "created");
  }

  @AfterAll
  void restoreSystemProperties() {
    if (systemProperties != null) {
      systemProperties.restore();
    }
  }

  @Test
  @Order(1)
  void theNotificationsCommitTheirObjects() throws IOException {
    JsonNode put = send(event("s3-put.json"), "ingest");
    JsonNode queued = send(event("sqs-s3-put.json"), "ingest");
    JsonNode bridged = send(event("eventbridge-object-created.json"), "ingest");

    assertThat(statusOf(put)).isEqualTo("asx/trades/day=2014-03-10 drop/7181.csv committed 232");
    assertThat(statusOf(queued)).isEqualTo("asx/quotes/day=2014-03-10 drop/7181.csv committed 549");
    assertThat(queued.path("batchItemFailures")).isEmpty();
    assertThat(statusOf(bridged)).isEqualTo("asx/trades/3153.csv committed 11");
    // Sent again, the same notification adds nothing.
    assertThat(statusOf(send(event("s3-put.json"), "ingest")))
        .startsWith("asx/trades/day=2014-03-10 drop/7181.csv duplicate");
  }

  @Test
  @Order(2)
  void theBatchOperationsInvocationsAnswerPerTask() throws IOException {
    JsonNode first = send(event("s3-batch-operations-1.0.json"), "ingest");
    JsonNode second = send(event("s3-batch-operations-2.0.json"), "ingest");

    assertThat(first.path("invocationSchemaVersion").asText()).isEqualTo("1.0");
    assertThat(first.path("results").findValuesAsText("resultCode")).containsExactly("Succeeded");
    assertThat(first.path("results").path(0).path("resultString").asText())
        .startsWith("committed 1 rows to market_data.trades");
    assertThat(second.path("results").findValuesAsText("resultCode"))
        .containsExactly("Succeeded", "PermanentFailure");
    assertThat(second.path("results").path(1).path("resultString").asText())
        .startsWith("rejected: ")
        .contains("price");
  }

  @Test
  @Order(3)
  void theRowsAreInTheTablesAsIcebergReadsThem() {
    try (EmbeddedS3 s3 = EmbeddedS3.onDisk(state.resolve("s3"));
        EmbeddedRestCatalog catalog =
            EmbeddedRestCatalog.start(
                s3.endpoint(), LocalFunctionConfiguration.WAREHOUSE, state.resolve("catalog.db"));
        TestWarehouse warehouse = TestWarehouse.connect(s3.endpoint(), catalog.uri())) {
      List<Record> trades = warehouse.tables().rows("market_data.trades");
      assertThat(count(trades, "asx/trades/day=2014-03-10 drop/7181.csv")).isEqualTo(232);
      assertThat(count(trades, "asx/trades/3153.csv")).isEqualTo(11);
      assertThat(count(trades, "trades/backfill/2014-03-10 desk.csv")).isEqualTo(1);
      assertThat(count(trades, "trades/backfill/2014-03-11.csv")).isEqualTo(1);
      assertThat(count(trades, "trades/backfill/bad.csv")).isZero();
      assertThat(trades).hasSize(232 + 11 + 2);
      List<Record> quotes = warehouse.tables().rows("market_data.quotes");
      assertThat(count(quotes, "asx/quotes/day=2014-03-10 drop/7181.csv")).isEqualTo(549);
    }
  }

  @Test
  @Order(4)
  void describeReportsTheTablesAndDropNeedsItsConfirmation() throws IOException {
    JsonNode described = send(event("describe.json"), "init");

    assertThat(described.path("tables").findValuesAsText("table"))
        .containsExactly("market_data.trades", "market_data.quotes", "market_data.ingest_log");
    JsonNode trades = described.path("tables").path(0);
    assertThat(trades.path("rows").asLong()).isEqualTo(232 + 11 + 2);
    assertThat(trades.path("partition_spec").asText())
        .isEqualTo("exchange_date=day(exchange_timestamp)");
    assertThat(trades.path("drift")).isEmpty();
    assertThat(described.path("tables").path(1).path("rows").asLong()).isEqualTo(549);

    JsonNode dropped = send(event("drop-trades.json"), "init");

    assertThat(dropped.path("table").asText()).isEqualTo("market_data.trades");
    assertThat(dropped.path("dropped").asBoolean()).isTrue();
    assertThat(dropped.path("purged").asBoolean()).isFalse();
    try (EmbeddedS3 s3 = EmbeddedS3.onDisk(state.resolve("s3"));
        EmbeddedRestCatalog catalog =
            EmbeddedRestCatalog.start(
                s3.endpoint(), LocalFunctionConfiguration.WAREHOUSE, state.resolve("catalog.db"));
        TestWarehouse warehouse = TestWarehouse.connect(s3.endpoint(), catalog.uri())) {
      assertThat(warehouse.catalog().tableExists(TableIdentifier.of("market_data", "trades")))
          .isFalse();
      assertThat(warehouse.catalog().tableExists(TableIdentifier.of("market_data", "quotes")))
          .isTrue();
    }
  }

  @Test
  @Order(5)
  void everyLineOfEveryRunsLogIsOneJsonObject() throws IOException {
    List<Path> logs;
    try (Stream<Path> files = Files.list(state.resolve("logs"))) {
      logs = files.sorted().toList();
    }
    assertThat(logs).hasSize(9); // one per --event run
    List<JsonNode> lines = new ArrayList<>();
    for (Path log : logs) {
      for (String line : Files.readAllLines(log)) {
        JsonNode node = JSON.readTree(line);
        assertThat(node != null && node.isObject()).as("%s: %s", log, line).isTrue();
        lines.add(node);
      }
    }
    // Metric documents stay as the function wrote them; every other line has the shared keys.
    assertThat(lines.stream().filter(l -> !l.has("_aws")))
        .isNotEmpty()
        .allSatisfy(
            l ->
                assertThat(l.has("timestamp") && l.has("level") && l.has("message"))
                    .as(l.toString())
                    .isTrue())
        .allSatisfy(l -> assertThat(l.path("logger").asText()).as(l.toString()).isNotEmpty());
    // The function's own logger (Quarkus start-up) and its event lines, fields at the top.
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(l.path("logger").asText()).startsWith("io.quarkus");
              assertThat(l.path("message").asText()).contains("started in");
            });
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(l.path("event").asText()).isEqualTo("object.committed");
              assertThat(l.path("key").asText()).isEqualTo("asx/trades/3153.csv");
              assertThat(l.path("logger").asText()).isEqualTo("io.k2.ingest.events");
            });
    assertThat(lines).anySatisfy(l -> assertThat(l.has("_aws")).isTrue());
  }

  /** One {@code --event} run; its stdout must be the function's answer, a JSON document. */
  private JsonNode send(Path event, String function) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        LocalRun.run(
            new String[] {
              "--state",
              state.toString(),
              "--build",
              "target",
              "--event",
              event.toString(),
              "--function",
              function
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).as("%s: %s", event, err.toString(StandardCharsets.UTF_8)).isZero();
    return JSON.readTree(out.toString(StandardCharsets.UTF_8));
  }

  private static String statusOf(JsonNode response) {
    JsonNode object = response.path("objects").path(0);
    return object.path("key").asText()
        + " "
        + object.path("status").asText()
        + " "
        + object.path("rows").asLong();
  }

  private static long count(List<Record> rows, String key) {
    String source = "s3://landing/" + key;
    return rows.stream().filter(r -> source.equals(r.getField("source_file"))).count();
  }

  private static Path event(String name) {
    return Path.of("infra", "events", name);
  }

  private static byte[] sample(String file) throws IOException {
    return Files.readAllBytes(SAMPLE.resolve(file));
  }

  private static byte[] trades(String timeAndPrice) {
    return (HEADER + "BHP,7078,ASX," + timeAndPrice + ",100,0\n").getBytes(StandardCharsets.UTF_8);
  }

  private static void land(S3Client s3, String key, byte[] content) {
    s3.putObject(
        b -> b.bucket(LocalFunctionConfiguration.LANDING_BUCKET).key(key),
        RequestBody.fromBytes(content));
  }
}
