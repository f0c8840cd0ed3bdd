package io.k2.ingest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.catalog.TableInitializer;
import io.k2.ingest.ingest.IngestResponse;
import io.k2.ingest.ingest.IngestService;
import io.k2.ingest.ingest.ObjectOutcome;
import io.k2.ingest.ingest.Status;
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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Two deliveries of one object at once, the second failing after it has written data files: its
 * clean-up must never delete a file the first delivery committed. The second delivery's download is
 * held in the middle by the fault proxy (its rows so far already flushed to files, the buffer being
 * small), the first delivery commits meanwhile, then the second's connection breaks.
 */
@QuarkusTest
@TestProfile(ConcurrentDeliveryFaultTest.SmallBuffers.class)
@QuarkusTestResource(value = FaultInjectionResource.class, restrictToAnnotatedClass = true)
class ConcurrentDeliveryFaultTest {

  private static final String TRADES = "market_data.trades";
  private static final AsxTradesFile FILE = AsxTradesFile.of(8_000);
  private static final String GET_OBJECT = "GET /landing/" + AsxTradesFile.KEY;

  /** Rows are written out every 500 rows, so files exist long before the download ends. */
  public static class SmallBuffers implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("k2.write.buffer-rows", "500", "k2.write.parallelism", "1");
    }
  }

  @InjectFaultyServers FaultyServers servers;
  @Inject TableInitializer initializer;
  @Inject IngestService service;
  @Inject ObjectMapper json;

  private RESTCatalog catalog;
  private S3Client s3;
  private TableReader tables;
  private Landed landed;

  @BeforeEach
  void freshTables() {
    servers.clearFaults();
    catalog = servers.direct().restCatalog();
    s3 = servers.direct().s3Client();
    tables = new TableReader(catalog);
    for (String table : List.of("trades", "quotes", "ingest_log")) {
      catalog.dropTable(TableIdentifier.of("market_data", table), true);
    }
    warehouseKeys("market_data/").forEach(k -> s3.deleteObject(b -> b.bucket("warehouse").key(k)));
    FunctionCallRecorder.asObserver(initializer::initialize);
    Landing landing = new Landing(s3);
    landing.put(
        "asx/reference-data/company_info.csv",
        "company_id,symbol,company_name,ISIN,start_date,end_date\r\n"
            + "7078,BHP,TEST MINER LTD,XX0000007078,01/01/2001,12/31/2099\r\n");
    landed = landing.put(AsxTradesFile.KEY, FILE.content());
  }

  @AfterEach
  void close() throws Exception {
    servers.clearFaults();
    s3.close();
    catalog.close();
  }

  @Test
  void aFailedSecondDeliveryNeverDeletesTheFilesTheFirstCommitted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Fault held = servers.s3().holdThenResetResponseAfter(GET_OBJECT, FILE.size() * 3 / 4, release);
    String event = Landing.sqsEvent(landed);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<IngestResponse> second =
          thread.submit(() -> service.ingest(json.readTree(event), "b"));
      awaitDataFiles(held);

      ObjectOutcome first = service.ingest(json.readTree(event), "a").objects().get(0);
      release.countDown();
      ObjectOutcome failed = second.get(2, TimeUnit.MINUTES).objects().get(0);

      assertThat(first.status()).isEqualTo(Status.COMMITTED);
      assertThat(failed.status()).isEqualTo(Status.FAILED);
    } finally {
      release.countDown();
      thread.shutdownNow();
    }
    List<String> referenced =
        tables.dataFiles(TRADES).stream()
            .map(DataFile::location)
            .map(location -> location.substring("s3://warehouse/".length()))
            .toList();
    assertThat(warehouseKeys(dataPrefix()))
        .as("every file the table references exists, and no other is left")
        .containsExactlyInAnyOrderElementsOf(referenced);
    List<Record> rows = tables.rows(TRADES);
    assertThat(rows).hasSize(FILE.expectedRows().size());
    assertThat(
            rows.stream()
                .map(r -> (BigDecimal) r.getField("price"))
                .reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(FILE.priceSum());
    ObjectOutcome again = service.ingest(json.readTree(event), "c").objects().get(0);
    assertThat(again.status()).isEqualTo(Status.DUPLICATE);
  }

  /** Waits until the held delivery has written some data files and is stuck mid-download. */
  private void awaitDataFiles(Fault held) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (held.fired() == 1 && !warehouseKeys(dataPrefix()).isEmpty()) {
        Thread.sleep(500); // the flush in progress finishes
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the held delivery wrote no data files: " + held);
  }

  private String dataPrefix() {
    String location = tables.table(TRADES).location();
    return location.substring("s3://warehouse/".length()) + "/data/";
  }

  private List<String> warehouseKeys(String prefix) {
    return s3.listObjectsV2Paginator(b -> b.bucket("warehouse").prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .toList();
  }
}
