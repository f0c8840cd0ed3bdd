package io.k2.ingest.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.catalog.TableInitializer;
import io.k2.ingest.commit.SnapshotSummary;
import io.k2.ingest.commit.SourceObject;
import io.k2.ingest.source.SourceIdentity;
import io.k2.ingest.support.FaultInjectionResource;
import io.k2.ingest.support.FaultyProxy.Fault;
import io.k2.ingest.support.FaultyServers;
import io.k2.ingest.support.FunctionCallRecorder;
import io.k2.ingest.support.InjectFaultyServers;
import io.k2.ingest.support.Landing;
import io.k2.ingest.support.Landing.Landed;
import io.k2.ingest.support.TableReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.rest.RESTCatalog;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The ingest function under network faults between it and its storage and catalog: each test breaks
 * one request through a {@link io.k2.ingest.support.FaultyProxy}, then checks what the invocation
 * reported, what the table holds value by value, and what is left in the warehouse bucket, through
 * clients that bypass the proxies. Every row must end up in the table exactly once.
 */
@QuarkusTest
@QuarkusTestResource(value = FaultInjectionResource.class, restrictToAnnotatedClass = true)
class FaultToleranceTest {

  private static final Logger LOG = Logger.getLogger(FaultToleranceTest.class);
  private static final String TRADES = "market_data.trades";
  private static final String COMPANIES =
      "company_id,symbol,company_name,ISIN,start_date,end_date\r\n"
          + "7078,BHP,TEST MINER LTD,XX0000007078,01/01/2001,12/31/2099\r\n";

  /** About 350 KB: many TCP segments, so a reset can land in the middle of the download. */
  private static final AsxTradesFile FILE = AsxTradesFile.of(8_000);

  /** The request that commits an append to the trades table (not its metrics, not other tables). */
  private static final String COMMIT_TRADES = "POST /v1/namespaces/market_data/tables/trades HTTP";

  private static final String GET_OBJECT = "GET /landing/" + AsxTradesFile.KEY;

  @InjectFaultyServers FaultyServers servers;
  @Inject TableInitializer initializer;

  @ConfigProperty(name = "k2.catalog.uri")
  URI functionCatalog;

  @ConfigProperty(name = "k2.catalog.s3-endpoint")
  URI functionWarehouseS3;

  @ConfigProperty(name = "quarkus.s3.endpoint-override")
  URI functionLandingS3;

  private RESTCatalog catalog;
  private S3Client s3;
  private TableReader tables;
  private Landing landing;
  private Landed landed;

  @BeforeEach
  void freshTablesAndTheFileLanded() {
    servers.clearFaults();
    // Guards the set-up itself: a fault test whose function bypasses the proxies proves nothing.
    assertThat(List.of(functionCatalog, functionWarehouseS3, functionLandingS3))
        .containsExactly(servers.catalog().uri(), servers.s3().uri(), servers.s3().uri());
    catalog = servers.direct().restCatalog();
    s3 = servers.direct().s3Client();
    tables = new TableReader(catalog);
    landing = new Landing(s3);
    for (String table : List.of("trades", "quotes", "ingest_log")) {
      catalog.dropTable(TableIdentifier.of("market_data", table), true);
    }
    // A purge deletes the files a table references, not the orphans an earlier test may have
    // left; the new table reuses the location, so start from an empty one.
    warehouseKeys("market_data/")
        .forEach(key -> s3.deleteObject(b -> b.bucket("warehouse").key(key)));
    FunctionCallRecorder.asObserver(initializer::initialize);
    landing.put("asx/reference-data/company_info.csv", COMPANIES);
    landed = landing.put(AsxTradesFile.KEY, FILE.content());
  }

  @AfterEach
  void disarmAndClose() throws Exception {
    servers.clearFaults();
    s3.close();
    catalog.close();
  }

  @Test
  void s3ReadResetMidStreamFailsTheDirectInvocationAndTheRetryCommitsOnce() {
    Fault reset = servers.s3().resetResponseAfter(GET_OBJECT, FILE.size() / 2);

    String error = invokeFailing(Landing.s3Event(landed));

    assertThat(reset.fired()).isEqualTo(1);
    assertThat(error).contains("TransientIngestException", "retry needed for " + AsxTradesFile.KEY);
    assertNothingCommittedAndNoDataFiles();

    JsonPath retry = invoke(Landing.s3Event(landed));

    assertThat(retry.getString("objects[0].status")).isEqualTo("committed");
    assertThat(retry.getLong("objects[0].rows")).isEqualTo(FILE.expectedRows().size());
    assertRowsExactlyOnceAndNoOrphans();
    assertThat(ingestLog())
        .containsExactly(
            "failed UncheckedIOException: reading s3://landing/asx/trades/7078.csv"
                + " (caused by SocketException: Connection reset)",
            "committed null");
  }

  @Test
  void s3ReadResetMidStreamReturnsTheSqsMessageAndTheRedeliveryCommitsOnce() {
    Fault reset = servers.s3().resetResponseAfter(GET_OBJECT, FILE.size() / 2);

    JsonPath failed = invoke(Landing.sqsEvent(landed));

    assertThat(reset.fired()).isEqualTo(1);
    assertThat(failed.getString("objects[0].status")).isEqualTo("failed");
    assertThat(failed.getString("objects[0].error"))
        .isEqualTo(
            "UncheckedIOException: reading s3://landing/"
                + AsxTradesFile.KEY
                + " (caused by SocketException: Connection reset)");
    assertThat(failed.getList("batchItemFailures.itemIdentifier")).containsExactly("message-0");
    assertNothingCommittedAndNoDataFiles();

    JsonPath redelivered = invoke(Landing.sqsEvent(landed));

    assertThat(redelivered.getString("objects[0].status")).isEqualTo("committed");
    assertThat(redelivered.getList("batchItemFailures")).isEmpty();
    assertRowsExactlyOnceAndNoOrphans();
  }

  @Test
  void s3WriteFailingForOneDataFileCommitsNothingLeavesNoFilesAndTheRetryCommitsOnce() {
    // The second day's file: the first day's is already written and must be cleaned up. (The SDK
    // encodes '=' in the partition directory.)
    Fault reset =
        servers.s3().resetRequests("PUT " + dataPath() + "exchange_date%3D2014-03-11/", 10);

    String error = invokeFailing(Landing.s3Event(landed));

    LOG.infof("Fault: %s", reset);
    assertThat(reset.fired()).as("the SDK retried the PUT before giving up").isGreaterThan(1);
    assertThat(servers.s3().requestLines())
        .anyMatch(line -> line.startsWith("PUT " + dataPath() + "exchange_date%3D2014-03-10/"));
    assertThat(error).contains("TransientIngestException", "retry needed for " + AsxTradesFile.KEY);
    assertNothingCommittedAndNoDataFiles();

    servers.clearFaults();
    JsonPath retry = invoke(Landing.s3Event(landed));

    assertThat(retry.getString("objects[0].status")).isEqualTo("committed");
    assertRowsExactlyOnceAndNoOrphans();
  }

  @Test
  void catalogUnavailableAtCommitFailsAsTransientAndTheRetryCommitsOnce() {
    Fault reset = servers.catalog().resetRequests(COMMIT_TRADES, 10);

    String error = invokeFailing(Landing.s3Event(landed));

    LOG.infof("Fault: %s", reset);
    assertThat(reset.fired()).isGreaterThanOrEqualTo(1);
    assertThat(error).contains("TransientIngestException", "retry needed for " + AsxTradesFile.KEY);
    assertThat(tables.snapshots(TRADES)).isEmpty();

    servers.clearFaults();
    JsonPath retry = invoke(Landing.s3Event(landed));

    assertThat(retry.getString("objects[0].status")).isEqualTo("committed");
    assertRowsExactlyOnceAndNoOrphans();
  }

  @Test
  void commitOutcomeUnknownKeepsTheFilesAndTheRetryReportsTheDuplicate() {
    Fault drop = servers.catalog().dropResponse(COMMIT_TRADES);

    String error = invokeFailing(Landing.s3Event(landed));

    assertThat(drop.fired()).isEqualTo(1);
    assertThat(error).contains("TransientIngestException", "retry needed for " + AsxTradesFile.KEY);
    // The catalog did commit: the client only lost the answer.
    Snapshot holder = tables.table(TRADES).currentSnapshot();
    assertThat(holder).isNotNull();
    assertThat(SnapshotSummary.entries(holder))
        .extracting(SnapshotSummary.Entry::keyId)
        .containsExactly(SourceObject.keyIdOf("landing", AsxTradesFile.KEY));
    List<String> referenced = referencedDataKeys();
    assertThat(warehouseKeys(dataPrefix()))
        .as("files of a commit whose outcome was unknown must never be deleted")
        .containsAll(referenced);

    JsonPath retry = invoke(Landing.s3Event(landed));

    assertThat(retry.getString("objects[0].status")).isEqualTo("duplicate");
    assertThat(retry.getLong("objects[0].snapshot_id")).isEqualTo(holder.snapshotId());
    assertThat(retry.getString("objects[0].error")).contains("in snapshot " + holder.snapshotId());
    assertThat(tables.snapshots(TRADES))
        .singleElement()
        .extracting(Snapshot::snapshotId)
        .isEqualTo(holder.snapshotId());
    assertRowsExactlyOnceAndNoOrphans();
  }

  @Test
  void theSameEventTwiceCommitsOnceThenReportsADuplicate() {
    JsonPath first = invoke(Landing.sqsEvent(landed));
    JsonPath second = invoke(Landing.sqsEvent(landed));

    assertThat(first.getString("objects[0].status")).isEqualTo("committed");
    long snapshot = first.getLong("objects[0].snapshot_id");
    assertThat(second.getString("objects[0].status")).isEqualTo("duplicate");
    assertThat(second.getLong("objects[0].snapshot_id")).isEqualTo(snapshot);
    assertThat(second.getString("objects[0].error"))
        .isEqualTo("already committed in snapshot " + snapshot);
    assertThat(second.getList("batchItemFailures")).isEmpty();
    assertThat(tables.snapshots(TRADES)).extracting(Snapshot::snapshotId).containsExactly(snapshot);
    assertRowsExactlyOnceAndNoOrphans();
  }

  @Test
  void theSameEventTenTimesInSequenceCommitsOnce() {
    String event = Landing.s3Event(landed);
    JsonPath first = invoke(event);
    long snapshot = first.getLong("objects[0].snapshot_id");

    for (int delivery = 2; delivery <= 10; delivery++) {
      JsonPath again = invoke(event);
      assertThat(again.getString("objects[0].status"))
          .as("delivery %d", delivery)
          .isEqualTo("duplicate");
      assertThat(again.getLong("objects[0].snapshot_id"))
          .as("delivery %d", delivery)
          .isEqualTo(snapshot);
      assertThat(again.getLong("objects[0].rows")).as("delivery %d", delivery).isZero();
    }

    assertThat(first.getString("objects[0].status")).isEqualTo("committed");
    assertThat(tables.snapshots(TRADES)).extracting(Snapshot::snapshotId).containsExactly(snapshot);
    assertRowsExactlyOnceAndNoOrphans();
  }

  /** The table holds the file's rows once, value by value, and the warehouse only their files. */
  private void assertRowsExactlyOnceAndNoOrphans() {
    List<String> referenced = referencedDataKeys();
    assertThat(warehouseKeys(dataPrefix()))
        .as("data files in the warehouse: exactly those the table references")
        .containsExactlyInAnyOrderElementsOf(referenced);
    List<Record> rows = tables.rows(TRADES);
    assertThat(rows).hasSize(FILE.expectedRows().size());
    assertThat(rows.stream().map(FaultToleranceTest::describe).sorted().toList())
        .isEqualTo(FILE.expectedRows().stream().sorted().toList());
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.getField("symbol")).isEqualTo("BHP");
              assertThat(r.getField("company_id")).isEqualTo(7078);
              assertThat(r.getField("source_file")).isEqualTo("s3://landing/" + AsxTradesFile.KEY);
            });
    assertThat(
            rows.stream()
                .map(r -> (BigDecimal) r.getField("price"))
                .reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(FILE.priceSum());
    assertThat(rows.stream().mapToLong(r -> (Long) r.getField("volume")).sum())
        .isEqualTo(FILE.volumeSum());
    assertThat(tables.snapshots(TRADES))
        .filteredOn(s -> s.summary().containsKey("k2.objects"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.summary())
                  .containsEntry("added-records", Integer.toString(FILE.expectedRows().size()));
              assertThat(SnapshotSummary.entries(s))
                  .singleElement()
                  .satisfies(
                      e -> {
                        assertThat(e.keyId())
                            .isEqualTo(SourceObject.keyIdOf("landing", AsxTradesFile.KEY));
                        assertThat(e.versionId())
                            .isEqualTo(
                                SourceObject.idOf(
                                    new SourceIdentity(
                                        "landing",
                                        AsxTradesFile.KEY,
                                        landed.eTag(),
                                        null,
                                        landed.size())));
                      });
            });
  }

  private void assertNothingCommittedAndNoDataFiles() {
    assertThat(tables.snapshots(TRADES)).isEmpty();
    assertThat(warehouseKeys(dataPrefix())).as("data files left by the failed attempt").isEmpty();
  }

  /** The ingest log's rows for the landed file, oldest first: status and error. */
  private List<String> ingestLog() {
    return tables.rows("market_data.ingest_log").stream()
        .filter(r -> AsxTradesFile.KEY.equals(r.getField("key")))
        .sorted(Comparator.comparing(r -> (OffsetDateTime) r.getField("processed_at")))
        .map(r -> r.getField("status") + " " + r.getField("error"))
        .toList();
  }

  private static String describe(Record r) {
    return AsxTradesFile.row(
        r.getField("exchange_timestamp"),
        r.getField("price"),
        r.getField("volume"),
        r.getField("qualifiers"),
        r.getField("sequence_number"));
  }

  /** The key prefix of the trades table's data files in the warehouse bucket. */
  private String dataPrefix() {
    String location = tables.table(TRADES).location();
    String prefix = "s3://warehouse/";
    assertThat(location).startsWith(prefix);
    return location.substring(prefix.length()) + "/data/";
  }

  /** The same, as the path of a path-style S3 request. */
  private String dataPath() {
    return "/warehouse/" + dataPrefix();
  }

  private List<String> referencedDataKeys() {
    return tables.dataFiles(TRADES).stream()
        .map(DataFile::location)
        .map(location -> location.substring("s3://warehouse/".length()))
        .toList();
  }

  private List<String> warehouseKeys(String prefix) {
    return s3.listObjectsV2Paginator(b -> b.bucket("warehouse").prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .toList();
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

  /** Posts an event the function must fail on (it throws, so Lambda would retry it). */
  private static String invokeFailing(String event) {
    String body =
        given()
            .contentType("application/json")
            .body(event)
            .when()
            .post()
            .then()
            .statusCode(500)
            .extract()
            .asString();
    LOG.infof("The invocation failed as expected: %s", body);
    return body;
  }
}
