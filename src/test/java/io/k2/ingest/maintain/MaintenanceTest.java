package io.k2.ingest.maintain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.catalog.TableInitializer;
import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.ingest.IngestResponse;
import io.k2.ingest.ingest.IngestService;
import io.k2.ingest.ingest.ObjectOutcome;
import io.k2.ingest.ingest.Status;
import io.k2.ingest.maintain.MaintenanceReport.PartitionReport;
import io.k2.ingest.maintain.MaintenanceReport.TableReport;
import io.k2.ingest.maintain.MaintenanceRequest.Step;
import io.k2.ingest.support.EmbeddedServersResource;
import io.k2.ingest.support.ExactSums;
import io.k2.ingest.support.Landing;
import io.k2.ingest.support.Landing.Landed;
import io.k2.ingest.support.TableReader;
import io.k2.ingest.support.TestWarehouse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.formats.FormatModelRegistry;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The maintenance pass against the in-process S3 server and REST catalog, on tables loaded by the
 * real ingest service, read back through Iceberg.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedServersResource.class)
@TestProfile(MaintenanceProfile.class)
class MaintenanceTest {

  private static final String TRADES = "market_data.trades";
  private static final String LOG = "market_data.ingest_log";
  private static final String HEADER =
      "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,venue,buyer_id\n";
  private static final int DAYS = 5;

  @Inject IngestService ingest;
  @Inject MaintenanceService maintenance;
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
  void twoHundredSmallFilesAcrossFiveDaysBecomeOneSortedFilePerDayWithEveryRowIntact()
      throws Exception {
    List<ObjectOutcome> loaded = ingestFiles(0, 42, 120, 4);
    assertThat(loaded).extracting(ObjectOutcome::status).containsOnly(Status.COMMITTED);
    assertThat(tables.dataFiles(TRADES)).hasSizeGreaterThanOrEqualTo(42 * DAYS);
    List<String> rowsBefore = everyValue(tables.rows(TRADES));
    List<String> logBefore = everyValue(tables.rows(LOG));
    assertThat(tables.dataFiles(LOG)).hasSize(42);

    // Just written: the scheduled pass leaves the partitions alone.
    MaintenanceReport scheduled =
        maintenance.maintain(request(Optional.empty(), Step.COMPACT, MarketTable.TRADES));
    assertThat(scheduled.tables().get(0).partitions())
        .hasSize(DAYS)
        .extracting(PartitionReport::outcome)
        .containsOnly("too-recent");
    assertThat(tables.dataFiles(TRADES)).hasSizeGreaterThanOrEqualTo(42 * DAYS);

    MaintenanceReport report =
        maintenance.maintain(
            request(
                Optional.of(Duration.ZERO),
                Step.COMPACT,
                MarketTable.TRADES,
                MarketTable.INGEST_LOG));

    TableReport trades = report.tables().get(0);
    assertThat(trades.partitions())
        .hasSize(DAYS)
        .allSatisfy(
            p -> {
              assertThat(p.outcome()).isEqualTo("compacted");
              assertThat(p.filesBefore()).isGreaterThanOrEqualTo(42);
              assertThat(p.filesAfter()).isEqualTo(1);
            });
    assertThat(trades.filesBefore()).isGreaterThanOrEqualTo(42 * DAYS);
    assertThat(trades.filesAfter()).isEqualTo(DAYS);
    assertThat(trades.problems()).isEmpty();
    List<DataFile> files = tables.dataFiles(TRADES);
    assertThat(files).hasSize(DAYS);
    Table table = tables.table(TRADES);
    assertThat(table.currentSnapshot().operation()).isEqualTo("replace");
    assertThat(files)
        .allSatisfy(
            file -> {
              assertThat(file.sortOrderId()).isEqualTo(table.sortOrder().orderId());
              assertSorted(table, file);
            });
    List<Record> after = tables.rows(TRADES);
    assertThat(after).hasSize(42 * 120);
    assertThat(everyValue(after)).isEqualTo(rowsBefore);
    assertThat(ExactSums.of(after, "price")).isEqualTo(expectedPriceSum(0, 42, 120));
    assertThat(ExactSums.of(after, "volume")).isEqualTo(expectedVolume(0, 42, 120));
    assertThat(
            after.stream()
                .collect(
                    Collectors.groupingBy(r -> r.getField("source_file"), Collectors.counting())))
        .hasSize(42)
        .allSatisfy((file, count) -> assertThat(count).isEqualTo(120L));

    TableReport log = report.tables().get(1);
    assertThat(log.filesAfter()).isEqualTo(1);
    assertThat(tables.dataFiles(LOG)).hasSize(1);
    assertThat(everyValue(tables.rows(LOG))).isEqualTo(logBefore);
  }

  @Test
  void ingestCommittingWhileCompactionRunsLosesAndDoublesNothing() throws Exception {
    ingestFiles(0, 10, 100, 4);
    int files = 10;
    int replaces = 0;
    for (int round = 0; round < 4; round++) {
      int from = files;
      files += 8;
      List<Landed> landed = land(from, files, 100);
      ExecutorService pool = Executors.newFixedThreadPool(5);
      try {
        AtomicBoolean loading = new AtomicBoolean(true);
        // Compaction passes one after another for as long as the loads run.
        Future<List<MaintenanceReport>> compaction =
            pool.submit(
                () -> {
                  List<MaintenanceReport> passes = new ArrayList<>();
                  do {
                    passes.add(
                        maintenance.maintain(
                            request(Optional.of(Duration.ZERO), Step.COMPACT, MarketTable.TRADES)));
                  } while (loading.get());
                  return passes;
                });
        List<Future<IngestResponse>> loads = new ArrayList<>();
        for (Landed file : landed) {
          loads.add(
              pool.submit(
                  () -> ingest.ingest(json.readTree(Landing.s3Event(file)), "inv-" + file.key())));
        }
        for (Future<IngestResponse> load : loads) {
          assertThat(load.get().objects())
              .extracting(ObjectOutcome::status)
              .containsOnly(Status.COMMITTED);
        }
        loading.set(false);
        for (MaintenanceReport pass : compaction.get()) {
          TableReport report = pass.tables().get(0);
          assertThat(report.problems()).isEmpty();
          assertThat(report.partitions())
              .allSatisfy(p -> assertThat(p.outcome()).isEqualTo("compacted"));
        }
      } finally {
        pool.shutdownNow();
      }
      List<Record> rows = tables.rows(TRADES);
      assertThat(rows).hasSize(files * 100);
      assertThat(ExactSums.of(rows, "volume")).isEqualTo(expectedVolume(0, files, 100));
      assertThat(ExactSums.of(rows, "price")).isEqualTo(expectedPriceSum(0, files, 100));
      assertThat(
              rows.stream()
                  .collect(
                      Collectors.groupingBy(r -> r.getField("source_file"), Collectors.counting())))
          .hasSize(files)
          .allSatisfy((file, count) -> assertThat(count).isEqualTo(100L));
    }
    for (Snapshot snapshot : tables.snapshots(TRADES)) {
      replaces += snapshot.operation().equals("replace") ? 1 : 0;
    }
    assertThat(replaces).isGreaterThanOrEqualTo(4);
  }

  @Test
  void orphanRemovalTakesOnlyOldUnreferencedFiles() throws Exception {
    // One at a time: a commit that loses a race leaves a metadata file nothing references.
    ingestFiles(0, 6, 50, 1);
    Table table = tables.table(TRADES);
    String dataDir = table.location() + "/data/";
    List<String> orphans =
        List.of(
            plant(table, dataDir + "exchange_date=2014-03-10/00000-0-abandoned-00001.parquet"),
            plant(table, dataDir + "abandoned-upload.parquet"),
            plant(table, table.location() + "/metadata/99999-abandoned.metadata.json"));
    long planted = System.currentTimeMillis();
    await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > planted + 1500);
    long cutoff = System.currentTimeMillis();
    await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > cutoff + 1500);
    // Written after the cutoff: an ingest still on its way to a commit, as far as removal knows.
    String recent =
        plant(table, dataDir + "exchange_date=2014-03-11/00000-0-in-flight-00001.parquet");
    ingestFiles(6, 8, 50, 1);
    List<String> rowsBefore = everyValue(tables.rows(TRADES));
    table.refresh();
    List<String> referencedBefore = new ArrayList<>(OrphanFiles.referenced(table));

    OrphanFiles.Removed removed = OrphanFiles.remove(table, cutoff);

    assertThat(removed.files()).isEqualTo(3);
    List<String> left = listed(table);
    assertThat(left).doesNotContainAnyElementsOf(orphans.stream().map(OrphanFiles::key).toList());
    assertThat(left).contains(OrphanFiles.key(recent));
    assertThat(left).containsAll(referencedBefore);
    assertThat(everyValue(tables.rows(TRADES))).isEqualTo(rowsBefore);
  }

  @Test
  void newestMetadataFileDoesNotGrowWithTheCommits() throws Exception {
    // By 25 commits the metadata log holds its 20 entries (previous-versions-max) already.
    ingestOneByOne(0, 25);
    maintenance.maintain(request(Optional.empty(), Step.EXPIRE_SNAPSHOTS, MarketTable.TRADES));
    long afterTwentyFive = newestMetadataBytes(tables.table(TRADES));
    ingestOneByOne(25, 60);
    MaintenanceReport report =
        maintenance.maintain(request(Optional.empty(), Step.EXPIRE_SNAPSHOTS, MarketTable.TRADES));
    long afterSixty = newestMetadataBytes(tables.table(TRADES));

    assertThat(report.tables().get(0).snapshotsExpired()).isEqualTo(35);
    assertThat(report.tables().get(0).snapshotsKept()).isEqualTo(3);
    assertThat(afterSixty).isLessThan(afterTwentyFive + afterTwentyFive / 20);
    // write.metadata.previous-versions-max is 20: older metadata files are deleted on commit.
    long metadataFiles =
        listed(tables.table(TRADES)).stream()
            .filter(path -> path.endsWith(".metadata.json"))
            .count();
    assertThat(metadataFiles).isBetween(2L, 20L + 2);
    assertThat(tables.rows(TRADES)).hasSize(60 * 30);
  }

  private MaintenanceRequest request(Optional<Duration> minAge, Step step, MarketTable... only) {
    return new MaintenanceRequest(Arrays.asList(only), EnumSet.of(step), minAge);
  }

  private List<ObjectOutcome> ingestFiles(int from, int to, int rows, int threads)
      throws Exception {
    List<Callable<IngestResponse>> calls = new ArrayList<>();
    for (Landed file : land(from, to, rows)) {
      calls.add(() -> ingest.ingest(json.readTree(Landing.s3Event(file)), "inv-" + file.key()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<ObjectOutcome> outcomes = new ArrayList<>();
      for (Future<IngestResponse> response : pool.invokeAll(calls)) {
        outcomes.addAll(response.get().objects());
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private void ingestOneByOne(int from, int to) throws Exception {
    for (Landed file : land(from, to, 30)) {
      assertThat(ingest.ingest(json.readTree(Landing.s3Event(file)), "inv-" + file.key()).objects())
          .extracting(ObjectOutcome::status)
          .containsOnly(Status.COMMITTED);
    }
  }

  private List<Landed> land(int from, int to, int rows) {
    List<Landed> landed = new ArrayList<>();
    for (int n = from; n < to; n++) {
      landed.add(landing.put("trades/month/" + n + ".csv", tradesFile(n, rows)));
    }
    return landed;
  }

  /**
   * File {@code n}: rows spread over five days, interleaved in time with every other file's, with
   * six-decimal prices and volumes n*1000+i, so every file differs.
   */
  private static String tradesFile(int n, int rows) {
    StringBuilder text = new StringBuilder(HEADER);
    for (int i = 0; i < rows; i++) {
      text.append(
          String.format(
              "S%d,%d,ASX,2014-03-%02dT10:%02d:%02d.%03d,%s,%d,0,V%d,%n",
              n % 7,
              1000 + n % 7,
              10 + i % DAYS,
              i / 60 % 60,
              i % 60,
              (n * 37 + i) % 1000,
              price(n, i),
              n * 1000L + i,
              n));
    }
    return text.toString();
  }

  private static String price(int n, int i) {
    return BigDecimal.valueOf(n * 100_003L + i * 7L, 6).add(BigDecimal.ONE).toPlainString();
  }

  private static BigDecimal expectedVolume(int from, int to, int rows) {
    BigDecimal total = BigDecimal.ZERO;
    for (int n = from; n < to; n++) {
      for (int i = 0; i < rows; i++) {
        total = total.add(BigDecimal.valueOf(n * 1000L + i));
      }
    }
    return total;
  }

  private static BigDecimal expectedPriceSum(int from, int to, int rows) {
    BigDecimal total = BigDecimal.ZERO;
    for (int n = from; n < to; n++) {
      for (int i = 0; i < rows; i++) {
        total = total.add(new BigDecimal(price(n, i)));
      }
    }
    return total.setScale(6);
  }

  /** Every value of every row, as text, in one order: equal lists mean identical rows. */
  private static List<String> everyValue(List<Record> rows) {
    return rows.stream().map(Record::toString).sorted().toList();
  }

  private static void assertSorted(Table table, DataFile file) {
    Comparator<Record> order =
        Comparator.comparing((Record r) -> (LocalDateTime) r.getField("exchange_timestamp"))
            .thenComparing(r -> (Long) r.getField("sequence_number"));
    try (CloseableIterable<Record> rows =
        FormatModelRegistry.<Record, Object>readBuilder(
                FileFormat.PARQUET, Record.class, table.io().newInputFile(file.location()))
            .project(table.schema())
            .build()) {
      Record previous = null;
      long count = 0;
      for (Record row : rows) {
        if (previous != null) {
          assertThat(order.compare(previous, row))
              .as("row %d of %s", count, file.location())
              .isLessThanOrEqualTo(0);
        }
        previous = row.copy();
        count++;
      }
      assertThat(count).isEqualTo(file.recordCount());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String plant(Table table, String location) throws IOException {
    OutputFile file = table.io().newOutputFile(location);
    try (PositionOutputStream out = file.createOrOverwrite()) {
      out.write("not referenced by anything".getBytes());
    }
    return location;
  }

  private static List<String> listed(Table table) {
    Iterable<FileInfo> files =
        ((SupportsPrefixOperations) table.io()).listPrefix(table.location() + "/");
    return StreamSupport.stream(files.spliterator(), false)
        .map(f -> OrphanFiles.key(f.location()))
        .toList();
  }

  private static long newestMetadataBytes(Table table) {
    String newest = ((HasTableOperations) table).operations().current().metadataFileLocation();
    return table.io().newInputFile(newest).getLength();
  }
}
