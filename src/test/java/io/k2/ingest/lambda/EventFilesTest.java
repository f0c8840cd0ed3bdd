package io.k2.ingest.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k2.ingest.catalog.TableInitializer;
import io.k2.ingest.support.EmbeddedServersResource;
import io.k2.ingest.support.ExactSums;
import io.k2.ingest.support.TableReader;
import io.k2.ingest.support.TestWarehouse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notification files in {@code infra/events/} (an S3 notification, the same in an SQS message,
 * an EventBridge "Object Created" event) through the ingest handler, exactly as written: the
 * objects they name are landed first at their keys, with the shared ASX sample files whose ETag and
 * size the events carry (the function pins its read to the ETag), and the rows are read back
 * through Iceberg. The Batch Operations files go through {@link BatchOperationsTest}, the init
 * function's through {@link InitRequestsTest}.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedServersResource.class)
class EventFilesTest {

  /** The files the events describe: the sample beside the repository, never copied into it. */
  static final Path SAMPLE = AsxSampleTest.SAMPLE;

  @Inject TableInitializer initializer;

  @ConfigProperty(name = "quarkus.s3.endpoint-override")
  URI s3Endpoint;

  @ConfigProperty(name = "k2.catalog.uri")
  URI catalogUri;

  private TestWarehouse warehouse;
  private TableReader tables;

  @BeforeEach
  void landTheObjectsTheEventsName() throws IOException {
    assumeTrue(Files.isDirectory(SAMPLE), "the shared ASX sample is not beside the repository");
    warehouse = TestWarehouse.connect(s3Endpoint, catalogUri).reset(initializer);
    tables = warehouse.tables();
    for (String[] object : objects()) {
      warehouse.landing().put(object[0], Files.readAllBytes(SAMPLE.resolve(object[1])));
    }
  }

  @AfterEach
  void close() {
    if (warehouse != null) {
      warehouse.close();
    }
  }

  /** Each landing key the event files name, with the sample file landed there. */
  static List<String[]> objects() {
    return List.of(
        new String[] {"asx/reference-data/company_info.csv", "reference-data/company_info.csv"},
        new String[] {"asx/trades/day=2014-03-10 drop/7181.csv", "trades/7181.csv"},
        new String[] {"asx/quotes/day=2014-03-10 drop/7181.csv", "quotes/7181.csv"},
        new String[] {"asx/trades/3153.csv", "trades/3153.csv"});
  }

  @Test
  void theS3NotificationCommitsItsObjectOnce() throws IOException {
    String key = "asx/trades/day=2014-03-10 drop/7181.csv";

    JsonPath first = IngestFunctionTest.invoke(event("s3-put.json"));

    assertThat(first.getString("objects[0].key")).isEqualTo(key);
    assertThat(first.getString("objects[0].status")).isEqualTo("committed");
    assertThat(first.getString("objects[0].table")).isEqualTo("market_data.trades");
    assertThat(first.getLong("objects[0].rows")).isEqualTo(232);
    List<Record> rows = rowsFrom("market_data.trades", key);
    assertThat(rows).hasSize(232);
    assertThat(ExactSums.of(rows, "price"))
        .isEqualByComparingTo(ExactSums.ofField(SAMPLE.resolve("trades/7181.csv"), 2));
    assertThat(tables.currentSnapshotId("market_data.trades"))
        .isEqualTo(first.getLong("objects[0].snapshot_id"));

    JsonPath again = IngestFunctionTest.invoke(event("s3-put.json"));

    assertThat(again.getString("objects[0].status")).isEqualTo("duplicate");
    assertThat(tables.rows("market_data.trades")).hasSize(232);
  }

  @Test
  void theSqsMessageCommitsItsQuotesAndFailsNoMessage() throws IOException {
    String key = "asx/quotes/day=2014-03-10 drop/7181.csv";

    JsonPath answer = IngestFunctionTest.invoke(event("sqs-s3-put.json"));

    assertThat(answer.getString("objects[0].key")).isEqualTo(key);
    assertThat(answer.getString("objects[0].status")).isEqualTo("committed");
    assertThat(answer.getString("objects[0].table")).isEqualTo("market_data.quotes");
    assertThat(answer.getList("batchItemFailures")).isEmpty();
    List<Record> rows = rowsFrom("market_data.quotes", key);
    assertThat(rows).hasSize(549);
    assertThat(ExactSums.of(rows, "bid_price"))
        .isEqualByComparingTo(ExactSums.ofField(SAMPLE.resolve("quotes/7181.csv"), 2));
    assertThat(ExactSums.of(rows, "ask_volume"))
        .isEqualByComparingTo(ExactSums.ofField(SAMPLE.resolve("quotes/7181.csv"), 5));
  }

  @Test
  void theEventBridgeEventCommitsItsObject() throws IOException {
    JsonPath answer = IngestFunctionTest.invoke(event("eventbridge-object-created.json"));

    assertThat(answer.getString("objects[0].key")).isEqualTo("asx/trades/3153.csv");
    assertThat(answer.getString("objects[0].status")).isEqualTo("committed");
    List<Record> rows = rowsFrom("market_data.trades", "asx/trades/3153.csv");
    assertThat(rows).hasSize(11);
    assertThat(rows).extracting(r -> r.getField("symbol")).containsOnly("MWR");
    assertThat(ExactSums.of(rows, "volume"))
        .isEqualByComparingTo(ExactSums.ofField(SAMPLE.resolve("trades/3153.csv"), 3));
  }

  static String event(String name) throws IOException {
    return Files.readString(Path.of("infra", "events", name));
  }

  private List<Record> rowsFrom(String table, String key) {
    String source = "s3://landing/" + key;
    return tables.rows(table).stream()
        .filter(r -> source.equals(r.getField("source_file")))
        .toList();
  }
}
