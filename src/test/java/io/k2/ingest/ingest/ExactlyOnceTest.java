package io.k2.ingest.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.catalog.TableInitializer;
import io.k2.ingest.support.EmbeddedServersResource;
import io.k2.ingest.support.ExactSums;
import io.k2.ingest.support.Landing;
import io.k2.ingest.support.Landing.Landed;
import io.k2.ingest.support.TableReader;
import io.k2.ingest.support.TestWarehouse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many invocations at once, and the same event many times: every row lands exactly once. The
 * invocations call the ingest service from real threads (the Lambda test event server runs one
 * invocation at a time), against the in-process S3 server and REST catalog.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedServersResource.class)
class ExactlyOnceTest {

  private static final Logger LOG = Logger.getLogger(ExactlyOnceTest.class);
  private static final String TRADES = "market_data.trades";
  private static final String HEADER =
      "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,venue,buyer_id\n";

  @Inject IngestService service;
  @Inject TableInitializer initializer;
  @Inject ObjectMapper json;

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
  void eightConcurrentInvocationsLandFortyFilesExactlyOnce() throws Exception {
    List<Landed> files = new ArrayList<>();
    for (int n = 0; n < 40; n++) {
      files.add(landing.put("trades/load/" + n + ".csv", tradesFile(n, 250)));
    }
    List<Callable<IngestResponse>> invocations = new ArrayList<>();
    for (Landed file : files) {
      invocations.add(() -> service.ingest(event(Landing.s3Event(file)), "inv-" + file.key()));
    }

    List<IngestResponse> responses = runConcurrently(8, invocations);

    List<ObjectOutcome> outcomes = responses.stream().flatMap(r -> r.objects().stream()).toList();
    assertThat(outcomes)
        .extracting(ObjectOutcome::status)
        .containsOnly(Status.COMMITTED)
        .hasSize(40);
    int conflicts = outcomes.stream().mapToInt(ObjectOutcome::commitRetries).sum();
    LOG.infof("8 threads, 40 files: %d commit conflicts retried", conflicts);
    System.out.printf(
        "ExactlyOnceTest: 8 threads, 40 files, %d commit conflicts retried%n", conflicts);
    List<Record> rows = tables.rows(TRADES);
    assertThat(rows).hasSize(40 * 250);
    assertThat(ExactSums.of(rows, "volume")).isEqualTo(expectedVolume(0, 40, 250));
    assertThat(
            rows.stream()
                .collect(
                    Collectors.groupingBy(r -> r.getField("source_file"), Collectors.counting())))
        .hasSize(40)
        .allSatisfy((file, count) -> assertThat(count).isEqualTo(250L));
    assertThat(tables.snapshots(TRADES)).hasSize(40);
  }

  @Test
  void theSameEventTenTimesConcurrentlyLandsOnce() throws Exception {
    Landed file = landing.put("trades/once.csv", tradesFile(1, 500));
    String event = Landing.s3Event(file);
    List<Callable<IngestResponse>> invocations = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int attempt = i;
      invocations.add(() -> service.ingest(event(event), "attempt-" + attempt));
    }

    List<ObjectOutcome> outcomes =
        runConcurrently(10, invocations).stream().flatMap(r -> r.objects().stream()).toList();

    Map<Status, Long> byStatus =
        outcomes.stream()
            .collect(Collectors.groupingBy(ObjectOutcome::status, Collectors.counting()));
    assertThat(byStatus).isEqualTo(Map.of(Status.COMMITTED, 1L, Status.DUPLICATE, 9L));
    long snapshot =
        outcomes.stream()
            .filter(o -> o.status() == Status.COMMITTED)
            .findFirst()
            .orElseThrow()
            .snapshotId();
    assertThat(outcomes).extracting(ObjectOutcome::snapshotId).containsOnly(snapshot);
    assertThat(tables.rows(TRADES)).hasSize(500);
    assertThat(ExactSums.of(tables.rows(TRADES), "volume")).isEqualTo(expectedVolume(1, 2, 500));
    assertThat(tables.snapshots(TRADES)).hasSize(1);
    // Cleaning up after the duplicates must never touch a committed file.
    assertThat(tables.dataFiles(TRADES))
        .allSatisfy(
            f ->
                assertThat(tables.table(TRADES).io().newInputFile(f.location()).exists()).isTrue());
  }

  @Test
  void theSameEventTwiceAndTenTimesInSequenceLandsOnce() throws Exception {
    Landed file = landing.put("trades/again.csv", tradesFile(2, 100));
    String event = Landing.s3Event(file);

    List<Status> statuses = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      statuses.add(service.ingest(event(event), "seq-" + i).objects().get(0).status());
      if (i == 1) {
        assertThat(tables.rows(TRADES)).hasSize(100);
      }
    }

    assertThat(statuses.get(0)).isEqualTo(Status.COMMITTED);
    assertThat(statuses.subList(1, 10)).containsOnly(Status.DUPLICATE);
    assertThat(tables.rows(TRADES)).hasSize(100);
    assertThat(tables.snapshots(TRADES)).hasSize(1);
  }

  @Test
  void theSameContentUnderAnotherKeyIsADuplicate() throws Exception {
    String content = tradesFile(3, 50);
    Landed original = landing.put("trades/original.csv", content);
    Landed copy = landing.put("trades/copy.csv", content);

    ObjectOutcome first = service.ingest(event(Landing.s3Event(original)), "a").objects().get(0);
    ObjectOutcome second = service.ingest(event(Landing.s3Event(copy)), "b").objects().get(0);

    assertThat(first.status()).isEqualTo(Status.COMMITTED);
    assertThat(second.status()).isEqualTo(Status.DUPLICATE);
    assertThat(second.snapshotId()).isEqualTo(first.snapshotId());
    assertThat(second.error())
        .isEqualTo("same content already committed in snapshot " + first.snapshotId());
    assertThat(tables.rows(TRADES)).hasSize(50);
  }

  private JsonNode event(String text) throws Exception {
    return json.readTree(text);
  }

  private static <T> List<T> runConcurrently(int threads, List<Callable<T>> tasks)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = pool.invokeAll(tasks);
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** File {@code n}: rows with volumes n*1000+i, so every file's content differs. */
  private static String tradesFile(int n, int rows) {
    StringBuilder text = new StringBuilder(HEADER);
    for (int i = 0; i < rows; i++) {
      text.append(
          String.format(
              "S%d,%d,ASX,2014-03-%02dT10:%02d:%02d.%03d,%d.%04d,%d,0,,%n",
              n, 1000 + n, 10 + i % 5, i / 60 % 60, i % 60, n, 1 + n, i, n * 1000L + i));
    }
    return text.toString();
  }

  /** The total volume of files {@code from} (inclusive) to {@code to} (exclusive). */
  private static BigDecimal expectedVolume(int from, int to, int rows) {
    long total = 0;
    for (int n = from; n < to; n++) {
      for (int i = 0; i < rows; i++) {
        total += n * 1000L + i;
      }
    }
    return BigDecimal.valueOf(total);
  }
}
