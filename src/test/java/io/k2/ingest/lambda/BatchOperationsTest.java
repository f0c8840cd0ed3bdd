package io.k2.ingest.lambda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.catalog.TableInitializer;
import io.k2.ingest.support.EmbeddedServersResource;
import io.k2.ingest.support.Landing;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Backfill through S3 Batch Operations: the invocation files in {@code infra/events/} (schema 1.0
 * and 2.0) go through the ingest function against the in-process servers; each task gets the result
 * Batch Operations expects, and a repeated job adds nothing.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedServersResource.class)
class BatchOperationsTest {

  private static final String TRADES = "market_data.trades";
  private static final String HEADER =
      "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers\n";

  @Inject TableInitializer initializer;

  @ConfigProperty(name = "quarkus.s3.endpoint-override")
  URI s3Endpoint;

  @ConfigProperty(name = "k2.catalog.uri")
  URI catalogUri;

  private TestWarehouse warehouse;
  private TableReader tables;
  private Landing landing;

  @BeforeEach
  void freshTables() {
    warehouse = TestWarehouse.connect(s3Endpoint, catalogUri).reset(initializer);
    tables = warehouse.tables();
    landing = warehouse.landing();
  }

  @AfterEach
  void close() {
    warehouse.close();
  }

  @Test
  void schema1TaskIsCommittedOnceAndSucceedsAgainAsADuplicate() throws IOException {
    // The key is URL-encoded in the invocation, as in the job's manifest: '+' is a space.
    landing.put(
        "trades/backfill/2014-03-10 desk.csv",
        HEADER
            + "BHP,7078,ASX,2014-03-10T10:00:00,36.71,100,0\n"
            + "BHP,7078,ASX,2014-03-10T10:00:01,36.72,200,0\n");
    String invocation = event("s3-batch-operations-1.0.json");

    JsonPath first = invoke(invocation);

    assertThat(first.getString("invocationSchemaVersion")).isEqualTo("1.0");
    assertThat(first.getString("invocationId"))
        .isEqualTo("YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo");
    assertThat(first.getString("treatMissingKeysAs")).isEqualTo("PermanentFailure");
    assertThat(first.getString("results[0].taskId")).isEqualTo("dGFza2lkZ29lc2hlcmUK");
    assertThat(first.getString("results[0].resultCode")).isEqualTo("Succeeded");
    assertThat(first.getString("results[0].resultString"))
        .startsWith("committed 2 rows to market_data.trades in snapshot ");
    assertThat(tables.rows(TRADES)).hasSize(2);
    int snapshots = tables.snapshots(TRADES).size();

    JsonPath again = invoke(invocation);

    assertThat(again.getString("results[0].resultCode")).isEqualTo("Succeeded");
    assertThat(again.getString("results[0].resultString")).startsWith("duplicate: ");
    assertThat(tables.rows(TRADES)).hasSize(2);
    assertThat(tables.snapshots(TRADES)).hasSize(snapshots);
  }

  @Test
  void schema2TasksSucceedOrFailPermanentlyWithTheReason() throws IOException {
    landing.put(
        "trades/backfill/2014-03-11.csv",
        HEADER + "BHP,7078,ASX,2014-03-11T10:00:00,36.71,100,0\n");
    landing.put(
        "trades/backfill/bad.csv", HEADER + "BHP,7078,ASX,2014-03-11T10:00:00,not-a-price,100,0\n");

    JsonPath answer = invoke(event("s3-batch-operations-2.0.json"));

    assertThat(answer.getString("invocationSchemaVersion")).isEqualTo("2.0");
    assertThat(answer.getList("results.taskId"))
        .containsExactly("dGFza2lkZ29lc2hlcmUKdGFzazE", "dGFza2lkZ29lc2hlcmUKdGFzazI");
    assertThat(answer.getList("results.resultCode"))
        .containsExactly("Succeeded", "PermanentFailure");
    assertThat(answer.getString("results[1].resultString"))
        .startsWith("rejected: ")
        .contains("price");
    assertThat(tables.rows(TRADES)).hasSize(1);
  }

  @Test
  void aTaskForAMissingObjectIsARetryableFailureNotALoss() throws IOException {
    // Nothing landed at the 1.0 file's key: the read fails (the function counts a missing key as
    // transient, as for a queued event), and Batch Operations retries the task.
    JsonPath answer = invoke(event("s3-batch-operations-1.0.json"));

    assertThat(answer.getString("results[0].resultCode")).isEqualTo("TemporaryFailure");
    assertThat(answer.getString("results[0].resultString"))
        .startsWith("failed, retry: NoSuchKeyException");
    assertThat(tables.rows(TRADES)).isEmpty();
  }

  private static String event(String name) throws IOException {
    return Files.readString(Path.of("infra", "events", name));
  }

  private static JsonPath invoke(String event) {
    return given()
        .contentType("application/json")
        .accept("application/json")
        .body(event)
        .when()
        .post()
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
