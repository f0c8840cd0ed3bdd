package io.k2.ingest.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.catalog.TableInitializer;
import io.k2.ingest.support.EmbeddedServersResource;
import io.k2.ingest.support.Landing;
import io.k2.ingest.support.Landing.Landed;
import io.k2.ingest.support.TableReader;
import io.k2.ingest.support.TestWarehouse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Identity and corrections against the in-process S3 server and REST catalog, read back through
 * Iceberg: the same bytes under another company's key are other rows; a new version of a key
 * replaces its rows in one snapshot, whatever the files' layout; an older version never comes back.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedServersResource.class)
class CorrectionsTest {

  private static final String TRADES = "market_data.trades";
  private static final String LOG = "market_data.ingest_log";
  private static final String COMPANIES =
      "company_id,symbol,company_name,ISIN,start_date,end_date\r\n"
          + "7078,BHP,TEST MINER LTD,XX0000007078,01/01/2001,12/31/2099\r\n"
          + "3153,MWR,TEST WIRELESS LTD,XX0000003153,01/01/2001,12/31/2099\r\n"
          + "2204,QRS,TEST QUARRY LTD,XX0000002204,01/01/2001,12/31/2099\r\n";

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
    landing.put("asx/reference-data/company_info.csv", COMPANIES);
  }

  @AfterEach
  void close() {
    warehouse.close();
  }

  @Test
  void theSameBytesUnderThreeCompaniesKeysAreThreeCompaniesRows() throws Exception {
    String bytes = trades(11, 0, -1, null);
    List<String> statuses = new ArrayList<>();
    for (String company : List.of("7078", "3153", "2204")) {
      Landed file = landing.put("asx/trades/" + company + ".csv", bytes);
      statuses.add(ingest(file).status().json());
    }

    assertThat(statuses).containsExactly("committed", "committed", "committed");
    List<Record> rows = tables.rows(TRADES);
    assertThat(rows).hasSize(33);
    Map<Object, List<Record>> bySymbol =
        rows.stream().collect(Collectors.groupingBy(r -> r.getField("symbol")));
    assertThat(bySymbol).containsOnlyKeys("BHP", "MWR", "QRS");
    for (List<Record> company : bySymbol.values()) {
      assertThat(company).hasSize(11);
      assertThat(priceSum(company)).isEqualByComparingTo(priceSum(11, 0, -1, null));
      assertThat(company.stream().mapToLong(r -> (Long) r.getField("volume")).sum())
          .isEqualTo(volumeSum(11, -1));
    }
  }

  @Test
  void theSameBytesUnderAnotherKeyOfTheSameCompanyAreStillADuplicate() throws Exception {
    String bytes = trades(5, 0, -1, null);
    ObjectOutcome first = ingest(landing.put("trades/desk-a.csv", csv(bytes)));
    ObjectOutcome second = ingest(landing.put("trades/desk-b.csv", csv(bytes)));

    assertThat(first.status()).isEqualTo(Status.COMMITTED);
    assertThat(second.status()).isEqualTo(Status.DUPLICATE);
    assertThat(tables.rows(TRADES)).hasSize(5);
  }

  @Test
  void aCorrectedFileReplacesItsRowsInOneSnapshot() throws Exception {
    Landed v1 = landing.put("asx/trades/3153.csv", trades(11, 0, -1, null));
    ObjectOutcome first = ingest(v1);
    // One more row, one changed price (row 4), one removed row (row 7).
    Landed v2 = landing.put("asx/trades/3153.csv", trades(12, 4, 7, "9.999"));
    ObjectOutcome second = ingest(v2);

    assertThat(first.status()).isEqualTo(Status.COMMITTED);
    assertThat(second.status()).isEqualTo(Status.REPLACED);
    assertThat(second.commit().replacedSnapshotId()).isEqualTo(first.snapshotId());
    assertThat(second.commit().replacedVersion()).isEqualTo("etag:" + v1.eTag());
    List<Record> rows = tables.rows(TRADES);
    assertThat(rows).hasSize(11);
    assertThat(rows.stream().map(CorrectionsTest::describe).sorted().toList())
        .isEqualTo(expected(12, 4, 7, "9.999"));
    assertThat(priceSum(rows)).isEqualByComparingTo(priceSum(12, 4, 7, "9.999"));
    // Readers see the old rows or the new, never both: one snapshot each, nothing in between.
    List<Snapshot> snapshots = tables.snapshots(TRADES);
    assertThat(snapshots).extracting(Snapshot::operation).containsExactly("append", "overwrite");
    assertThat(snapshots.get(1).snapshotId()).isEqualTo(second.snapshotId());
    // Version 1's file held its rows alone: dropped whole, not rewritten.
    assertThat(snapshots.get(1).summary())
        .containsEntry("deleted-data-files", "1")
        .containsEntry("added-data-files", "1")
        .containsEntry("deleted-records", "11")
        .containsEntry("added-records", "11");
    assertThat(rowsAt(snapshots.get(0)).stream().map(CorrectionsTest::describe).sorted().toList())
        .isEqualTo(expected(11, 0, -1, null));
    assertThat(rowsAt(snapshots.get(1))).hasSize(11);
    // The history tells the story.
    List<Record> log =
        tables.rows(LOG).stream()
            .sorted(Comparator.comparing(r -> r.getField("processed_at").toString()))
            .toList();
    assertThat(log).extracting(r -> r.getField("status")).containsExactly("committed", "replaced");
    assertThat(log.get(1).getField("replaced_snapshot_id")).isEqualTo(first.snapshotId());
    assertThat(log.get(1).getField("replaced_version")).isEqualTo("etag:" + v1.eTag());
    // The replaced version's event again: not committed, the correction stays.
    ObjectOutcome redelivered = ingest(v1);
    assertThat(redelivered.status()).isEqualTo(Status.SUPERSEDED);
    assertThat(tables.rows(TRADES)).hasSize(11);
    assertThat(ingest(v2).status()).isEqualTo(Status.DUPLICATE);
  }

  @Test
  void anOlderVersionsEventAfterTheNewerOneLeavesTheNewerRows() throws Exception {
    Landed v1 = landing.put("asx/trades/7078.csv", trades(11, 0, -1, null));
    Landed v2 = landing.put("asx/trades/7078.csv", trades(12, 4, 7, "9.999"));

    assertThat(ingest(v2).status()).isEqualTo(Status.COMMITTED);
    ObjectOutcome late = ingest(v1);

    assertThat(late.status()).isEqualTo(Status.SUPERSEDED);
    assertThat(tables.rows(TRADES).stream().map(CorrectionsTest::describe).sorted().toList())
        .isEqualTo(expected(12, 4, 7, "9.999"));
    assertThat(tables.snapshots(TRADES)).hasSize(1);
  }

  @Test
  void twoVersionsDeliveredAtOnceSeveralTimesEndWithTheLaterOnce() throws Exception {
    for (int round = 0; round < 3; round++) {
      String key = "asx/trades/2204.csv";
      Landed v1 = landing.put(key, trades(11, 0, -1, null));
      ingest(v1);
      List<Callable<IngestResponse>> deliveries = new ArrayList<>();
      String v2Text = trades(12, 4, 7, "9.99" + round);
      Landed[] v2 = new Landed[1];
      deliveries.add(
          () -> {
            v2[0] = landing.put(key, v2Text);
            IngestResponse last = null;
            for (int i = 0; i < 3; i++) {
              last = service.ingest(event(Landing.s3Event(v2[0])), "v2-" + i);
            }
            return last;
          });
      for (int i = 0; i < 3; i++) {
        int attempt = i;
        deliveries.add(() -> service.ingest(event(Landing.s3Event(v1)), "v1-" + attempt));
        deliveries.add(() -> service.ingest(event(Landing.sqsEvent(v1)), "v1-sqs-" + attempt));
      }

      List<IngestResponse> responses = runConcurrently(deliveries);

      assertThat(responses)
          .flatExtracting(IngestResponse::objects)
          .extracting(ObjectOutcome::status)
          .doesNotContain(Status.FAILED, Status.REJECTED);
      assertThat(tables.rows(TRADES).stream().map(CorrectionsTest::describe).sorted().toList())
          .as("round %d", round)
          .isEqualTo(expected(12, 4, 7, "9.99" + round));
      assertEveryReferencedFileExists();
      // Next round: the key starts from version 1 again, as a new correction cycle.
      warehouse.reset(initializer);
      landing.put("asx/reference-data/company_info.csv", COMPANIES);
    }
  }

  @Test
  void aCorrectionOfAKeyWhoseFilesWereCompactedWithOthersRewritesThem() throws Exception {
    ingest(landing.put("asx/trades/7078.csv", trades(11, 0, -1, null)));
    ingest(landing.put("asx/trades/3153.csv", trades(11, 0, -1, null)));
    ingest(landing.put("asx/trades/2204.csv", trades(11, 0, -1, null)));
    Table table = tables.table(TRADES);
    compactIntoOneFile(table);
    assertThat(tables.dataFiles(TRADES)).hasSize(1);

    Landed v2 = landing.put("asx/trades/3153.csv", trades(12, 4, 7, "9.999"));
    ObjectOutcome corrected = ingest(v2);

    assertThat(corrected.status()).isEqualTo(Status.REPLACED);
    List<Record> rows = tables.rows(TRADES);
    Map<Object, List<Record>> bySymbol =
        rows.stream().collect(Collectors.groupingBy(r -> r.getField("symbol")));
    assertThat(bySymbol.get("MWR").stream().map(CorrectionsTest::describe).sorted().toList())
        .isEqualTo(expected(12, 4, 7, "9.999"));
    assertThat(bySymbol.get("BHP").stream().map(CorrectionsTest::describe).sorted().toList())
        .isEqualTo(expected(11, 0, -1, null));
    assertThat(bySymbol.get("QRS")).hasSize(11);
    assertThat(rows).hasSize(33);
    Snapshot replace = tables.table(TRADES).currentSnapshot();
    assertThat(replace.operation()).isEqualTo("overwrite");
    // The compacted file was rewritten without the key's rows, in the same commit.
    assertThat(replace.summary())
        .containsEntry("deleted-data-files", "1")
        .containsEntry("added-data-files", "2")
        .containsEntry("deleted-records", "33")
        .containsEntry("added-records", "33");
    assertEveryReferencedFileExists();
  }

  @Test
  void anObjectWhoseSnapshotExpiredIsStillADuplicateAndAReplacedVersionStillSuperseded()
      throws Exception {
    Landed a = landing.put("asx/trades/7078.csv", trades(11, 0, -1, null));
    long aSnapshot = ingest(a).snapshotId();
    Landed b1 = landing.put("asx/trades/3153.csv", trades(5, 0, -1, null));
    ingest(b1);
    Landed b2 = landing.put("asx/trades/3153.csv", trades(6, 0, -1, null));
    assertThat(ingest(b2).status()).isEqualTo(Status.REPLACED);
    ingest(landing.put("asx/trades/2204.csv", trades(3, 0, -1, null)));
    Table table = tables.table(TRADES);
    long current = table.currentSnapshot().snapshotId();
    table.expireSnapshots().expireOlderThan(System.currentTimeMillis() + 1).retainLast(1).commit();
    assertThat(tables.snapshots(TRADES)).extracting(Snapshot::snapshotId).containsExactly(current);

    ObjectOutcome again = ingest(a);

    assertThat(again.status()).isEqualTo(Status.DUPLICATE);
    assertThat(again.snapshotId()).isEqualTo(aSnapshot);
    assertThat(ingest(b2).status()).isEqualTo(Status.DUPLICATE);
    assertThat(tables.rows(TRADES)).hasSize(11 + 6 + 3);
    assertThat(tables.snapshots(TRADES)).hasSize(1);
  }

  private ObjectOutcome ingest(Landed file) throws Exception {
    return service.ingest(event(Landing.s3Event(file)), "test").objects().get(0);
  }

  private JsonNode event(String text) throws Exception {
    return json.readTree(text);
  }

  private void assertEveryReferencedFileExists() {
    Table table = tables.table(TRADES);
    assertThat(tables.dataFiles(TRADES))
        .allSatisfy(f -> assertThat(table.io().newInputFile(f.location()).exists()).isTrue());
  }

  private List<Record> rowsAt(Snapshot snapshot) {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(tables.table(TRADES)).useSnapshot(snapshot.snapshotId()).build()) {
      read.forEach(r -> rows.add(r.copy()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** What a maintenance compaction does: every data file rewritten into one, sorted. */
  private static void compactIntoOneFile(Table table) throws IOException {
    Set<DataFile> old = new HashSet<>();
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(t -> old.add(t.file()));
    }
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
      read.forEach(r -> rows.add(r.copy()));
    }
    rows.sort(
        Comparator.comparing((Record r) -> r.getField("exchange_timestamp").toString())
            .thenComparing(r -> (Long) r.getField("sequence_number")));
    DataFile compacted =
        io.k2.ingest.write.RecordFileWriter.write(
            table, old.iterator().next().partition(), rows, true);
    RewriteFiles rewrite = table.newRewrite();
    rewrite.rewriteFiles(old, Set.of(compacted)).commit();
  }

  private static <T> List<T> runConcurrently(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<T> results = new ArrayList<>();
      for (Future<T> future : pool.invokeAll(tasks)) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * An ASX trades file of {@code rows} rows on one day; row {@code changed} gets price {@code
   * price} when given, row {@code removed} is left out (-1: none).
   */
  private static String trades(int rows, int changed, int removed, String price) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      if (i == removed) {
        continue;
      }
      text.append(row(i, i == changed && price != null ? price : "1." + (100 + i)));
    }
    return text.toString();
  }

  private static String row(int i, String price) {
    return String.format("03/10/2014,10:00:%02d.%03d,%s,%d,0,,\r\n", i, i, price, 100 + i);
  }

  private static String csv(String asx) {
    StringBuilder text =
        new StringBuilder(
            "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers\n");
    for (String line : asx.split("\r\n")) {
      String[] f = line.split(",", -1);
      String[] date = f[0].split("/");
      text.append(
          String.format(
              "BHP,7078,ASX,%s-%s-%sT%s,%s,%s,%s%n",
              date[2], date[0], date[1], f[1], f[2], f[3], f[4]));
    }
    return text.toString();
  }

  /** The rows a file of {@link #trades} holds, described as {@link #describe} does. */
  private static List<String> expected(int rows, int changed, int removed, String price) {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      if (i != removed) {
        String value = i == changed && price != null ? price : "1." + (100 + i);
        expected.add(
            String.format(
                "2014-03-10T10:00:%02d.%03d %s %d",
                i, i, new BigDecimal(value).setScale(6), 100 + i));
      }
    }
    return expected.stream().sorted().toList();
  }

  private static String describe(Record r) {
    LocalDateTime at = (LocalDateTime) r.getField("exchange_timestamp");
    return at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS"))
        + " "
        + r.getField("price")
        + " "
        + r.getField("volume");
  }

  private static BigDecimal priceSum(List<Record> rows) {
    return rows.stream()
        .map(r -> (BigDecimal) r.getField("price"))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal priceSum(int rows, int changed, int removed, String price) {
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < rows; i++) {
      if (i != removed) {
        sum = sum.add(new BigDecimal(i == changed && price != null ? price : "1." + (100 + i)));
      }
    }
    return sum;
  }

  private static long volumeSum(int rows, int removed) {
    long sum = 0;
    for (int i = 0; i < rows; i++) {
      sum += i == removed ? 0 : 100 + i;
    }
    return sum;
  }
}
