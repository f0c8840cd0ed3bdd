package io.k2.ingest.lambda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.catalog.TableInitializer;
import io.k2.ingest.commit.SnapshotSummary;
import io.k2.ingest.commit.SourceObject;
import io.k2.ingest.source.SourceIdentity;
import io.k2.ingest.support.EmbeddedServersResource;
import io.k2.ingest.support.Landing;
import io.k2.ingest.support.Landing.Landed;
import io.k2.ingest.support.ParquetFooters;
import io.k2.ingest.support.TableReader;
import io.k2.ingest.support.TestWarehouse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.rest.RESTCatalog;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ingest function end to end: events posted through the Quarkus Lambda event path, objects in
 * the in-process S3 server, tables in the in-process REST catalog, read back through Iceberg.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedServersResource.class)
class IngestFunctionTest {

  static final String TRADES = "market_data.trades";
  static final String QUOTES = "market_data.quotes";
  static final String COMPANIES =
      "company_id,symbol,company_name,ISIN,start_date,end_date\r\n"
          + "7078,BHP,TEST MINER LTD,XX0000007078,01/01/2001,12/31/2099\r\n"
          + "3153,MWR,TEST WIRELESS LTD,XX0000003153,01/01/2001,12/31/2099\r\n";
  static final String CSV_TRADES =
      "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,venue,buyer_id\n"
          + "BHP,7078,ASX,2014-03-11T10:00:00.5,36.71,100,0,,\n"
          + "BHP,7078,ASX,2014-03-10 10:00:00.123456,36.667,20000,3,X,B-1\n"
          + "BHP,7078,ASX,2014-03-10T09:59:59,0.000001,1,0,,\n"
          + "BHP,7078,ASX,2014-03-10T10:00:00.123456,999999999999.999999,0,2,,\n";

  @Inject TableInitializer initializer;

  @ConfigProperty(name = "quarkus.s3.endpoint-override")
  URI s3Endpoint;

  @ConfigProperty(name = "k2.catalog.uri")
  URI catalogUri;

  private TestWarehouse warehouse;
  private RESTCatalog catalog;
  private TableReader tables;
  private Landing landing;

  @BeforeEach
  void freshTables() {
    warehouse = TestWarehouse.connect(s3Endpoint, catalogUri).reset(initializer);
    catalog = warehouse.catalog();
    tables = warehouse.tables();
    landing = warehouse.landing();
    landing.put("asx/reference-data/company_info.csv", COMPANIES);
  }

  @AfterEach
  void close() {
    warehouse.close();
  }

  @Test
  void csvTradesAreReadBackValueByValueSortedAndExact() {
    Landed file = landing.put("trades/2014-03-10/desk.csv", CSV_TRADES);

    JsonPath response = invoke(Landing.s3Event(file));

    assertThat(response.getString("objects[0].status")).isEqualTo("committed");
    assertThat(response.getString("objects[0].table")).isEqualTo(TRADES);
    assertThat(response.getLong("objects[0].rows")).isEqualTo(4);
    assertThat(response.getList("batchItemFailures")).isEmpty();
    List<Record> rows = sorted(tables.rows(TRADES));
    assertThat(rows)
        .extracting(
            r ->
                r.getField("exchange_timestamp")
                    + " "
                    + r.getField("price")
                    + " "
                    + r.getField("volume")
                    + " "
                    + r.getField("qualifiers")
                    + " "
                    + r.getField("venue")
                    + " "
                    + r.getField("buyer_id")
                    + " "
                    + r.getField("sequence_number"))
        .containsExactly(
            // sequence numbers follow file order within (symbol, day), not time order
            "2014-03-10T09:59:59 0.000001 1 0 null null 2",
            "2014-03-10T10:00:00.123456 36.667000 20000 3 X B-1 1",
            "2014-03-10T10:00:00.123456 999999999999.999999 0 2 null null 3",
            "2014-03-11T10:00:00.500 36.710000 100 0 null null 1");
    Record first = rows.get(0);
    assertThat(first.getField("symbol")).isEqualTo("BHP");
    assertThat(first.getField("company_id")).isEqualTo(7078);
    assertThat(first.getField("exchange")).isEqualTo("ASX");
    assertThat(first.getField("source_file")).isEqualTo("s3://landing/trades/2014-03-10/desk.csv");
    assertThat(first.getField("ingestion_timestamp")).isNotNull();
    assertThat((BigDecimal) rows.get(2).getField("price"))
        .isEqualTo(new BigDecimal("999999999999.999999"));
  }

  @Test
  void asxQuotesWithCrlfLandExactlyWithTheSymbolFromReferenceData() {
    Landed file =
        landing.put(
            "asx/quotes/3153.csv",
            "03/10/2014,05:46:13.608,1.11,0.0,10300,0\r\n"
                + "03/10/2014,05:46:13.608,1.11,1.18,10300,3667\r\n"
                + "03/11/2014,12:04:17.660,1.105,1.18,8300,3667\r\n");

    JsonPath response = invoke(Landing.s3Event(file));

    assertThat(response.getString("objects[0].status")).isEqualTo("committed");
    List<Record> rows = sorted(tables.rows(QUOTES));
    assertThat(rows)
        .extracting(
            r ->
                r.getField("symbol")
                    + " "
                    + r.getField("company_id")
                    + " "
                    + r.getField("exchange_timestamp")
                    + " "
                    + r.getField("bid_price")
                    + " "
                    + r.getField("ask_price")
                    + " "
                    + r.getField("bid_volume")
                    + " "
                    + r.getField("ask_volume")
                    + " "
                    + r.getField("sequence_number"))
        .containsExactly(
            "MWR 3153 2014-03-10T05:46:13.608 1.110000 0.000000 10300 0 1",
            "MWR 3153 2014-03-10T05:46:13.608 1.110000 1.180000 10300 3667 2",
            "MWR 3153 2014-03-11T12:04:17.660 1.105000 1.180000 8300 3667 1");
  }

  @Test
  void oneSnapshotPerObjectRecordsTheSourceAndEachFileIsSortedZstdParquet() {
    StringBuilder asx = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      // Out of order on purpose, with repeated timestamps, over two days.
      int second = (i * 37) % 60;
      asx.append(
          String.format(
              "03/%d/2014,10:%02d:%02d.000,36.%d,%d,0,,\r\n",
              10 + i % 2, i % 60, second, i % 10, i));
    }
    Landed file = landing.put("asx/trades/7078.csv", asx.toString());

    JsonPath response = invoke(Landing.s3Event(file));

    assertThat(response.getString("objects[0].status")).isEqualTo("committed");
    List<Snapshot> snapshots = tables.snapshots(TRADES);
    assertThat(snapshots)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.snapshotId()).isEqualTo(response.getLong("objects[0].snapshot_id"));
              // The summary keeps the identity exactly-once needs; the details are in ingest_log.
              assertThat(s.summary())
                  .containsEntry("k2.rows", "500")
                  .containsEntry("added-records", "500");
              assertThat(SnapshotSummary.entries(s))
                  .singleElement()
                  .satisfies(
                      entry -> {
                        assertThat(entry.keyId())
                            .isEqualTo(SourceObject.keyIdOf("landing", "asx/trades/7078.csv"));
                        assertThat(entry.versionId())
                            .isEqualTo(
                                SourceObject.idOf(
                                    new SourceIdentity(
                                        "landing",
                                        "asx/trades/7078.csv",
                                        file.eTag(),
                                        null,
                                        file.size())));
                      });
              assertThat(s.summary().keySet()).noneMatch(k -> k.startsWith("k2.source."));
            });
    assertThat(tables.rows("market_data.ingest_log"))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.getField("bucket")).isEqualTo("landing");
              assertThat(row.getField("key")).isEqualTo("asx/trades/7078.csv");
              assertThat(row.getField("etag")).isEqualTo(file.eTag());
              assertThat(row.getField("size")).isEqualTo(file.size());
              assertThat(row.getField("rows")).isEqualTo(500L);
              assertThat((String) row.getField("sha256")).hasSize(64);
              assertThat(row.getField("snapshot_id"))
                  .isEqualTo(response.getLong("objects[0].snapshot_id"));
            });
    List<DataFile> files = tables.dataFiles(TRADES);
    assertThat(files).hasSize(2);
    for (DataFile dataFile : files) {
      assertThat(ParquetFooters.codecs(tables.table(TRADES).io(), dataFile.location()))
          .containsExactly("ZSTD");
    }
    assertThat(rowsInFileOrder()).isSortedAccordingTo(BY_TIME_THEN_SEQUENCE);
  }

  @Test
  void gzipAndUrlEncodedKeysAndEveryEventShape() throws IOException {
    String rows = "03/12/2014,10:00:00.000,36.5,10,0,,\r\n03/12/2014,10:00:01.000,36.6,20,0,,\r\n";
    Landed gz = landing.put("asx/trades/7078.csv.gz", gzip(rows));
    Landed spaced = landing.put("trades/desk one/trades+(1) é.csv", CSV_TRADES);
    Landed viaEventBridge =
        landing.put("asx/quotes/7078.csv", "03/12/2014,10:00:00.000,36.5,36.6,100,200\r\n");
    Landed viaSqs =
        landing.put(
            "quotes/q.csv",
            "SYMBOL,Company_Id,exchange,exchange_timestamp,bid_price,bid_volume,ask_price,ask_volume\n"
                + "BHP,7078,ASX,2014-03-12T10:00:00,36.5,1,36.6,2\n");

    JsonPath direct = invoke(Landing.s3Event(gz, spaced));
    JsonPath bridge = invoke(Landing.eventBridgeEvent(viaEventBridge));
    JsonPath sqs = invoke(Landing.sqsEvent(viaSqs));

    assertThat(direct.getList("objects.status")).containsExactly("committed", "committed");
    assertThat(direct.getList("objects.key"))
        .containsExactly("asx/trades/7078.csv.gz", "trades/desk one/trades+(1) é.csv");
    assertThat(direct.getList("objects.rows", Long.class)).containsExactly(2L, 4L);
    assertThat(bridge.getString("objects[0].status")).isEqualTo("committed");
    assertThat(sqs.getString("objects[0].status")).isEqualTo("committed");
    assertThat(sqs.getList("batchItemFailures")).isEmpty();
    assertThat(tables.rows(TRADES)).hasSize(6);
    assertThat(tables.rows(QUOTES)).hasSize(2);
  }

  @Test
  void aBadRowRejectsTheWholeFileWithAReportAndCommitsNothing() {
    Landed file =
        landing.put(
            "asx/trades/7078.csv",
            "03/10/2014,10:00:00.000,36.5,10,0,,\r\n"
                + "03/10/2014,10:00:01.000,36.5000001,10,0,,\r\n"
                + "03/10/2014,24:00:00.000,36.5,10,0,,\r\n");

    JsonPath response = invoke(Landing.s3Event(file));

    assertThat(response.getString("objects[0].status")).isEqualTo("rejected");
    assertThat(response.getLong("objects[0].rejected_rows")).isEqualTo(2);
    assertThat(response.getString("objects[0].error"))
        .isEqualTo(
            "2 bad row(s) in s3://landing/asx/trades/7078.csv; first: line 2, column price '36.5000001': more than 6 decimal places");
    assertThat(tables.snapshots(TRADES)).isEmpty();
    assertThat(tables.table(TRADES).io()).isNotNull();
    List<String> report =
        landing.text("_rejected/asx/trades/7078.csv.errors.jsonl").lines().toList();
    assertThat(report).hasSize(3);
    assertThat(report.get(0))
        .contains("\"source_file\":\"s3://landing/asx/trades/7078.csv\"", "\"total_errors\":2");
    assertThat(report.get(1))
        .isEqualTo(
            "{\"line\":2,\"column\":\"price\",\"value\":\"36.5000001\",\"reason\":\"more than 6 decimal places\"}");
    assertThat(report.get(2)).contains("\"line\":3", "\"value\":\"24:00:00.000\"");
  }

  @Test
  void fileLevelProblemsAreRejectedWithClearErrors() {
    Landed empty = landing.put("trades/empty.csv", "");
    Landed headerOnly =
        landing.put(
            "trades/header-only.csv",
            "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers\n");
    Landed unknownColumn =
        landing.put(
            "trades/extra.csv",
            "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,colour\nBHP,1,ASX,2014-03-10T10:00:00,1,1,0,red\n");
    Landed unknownRoute = landing.put("misc/prices.csv", CSV_TRADES);
    Landed unknownCompany =
        landing.put("asx/trades/9999.csv", "03/10/2014,10:00:00.000,36.5,10,0,,\r\n");
    Landed notText =
        landing.put("asx/trades/7078.csv", new byte[] {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF, 0x10});
    Landed foreign = new Landed("someone-elses-bucket", "trades/x.csv", "e", 10);

    JsonPath response =
        invoke(
            Landing.s3Event(
                List.of(
                    empty,
                    headerOnly,
                    unknownColumn,
                    unknownRoute,
                    unknownCompany,
                    notText,
                    foreign)));

    assertThat(response.getList("objects.status")).containsOnly("rejected");
    assertThat(response.getList("objects.error", String.class))
        .containsExactly(
            "empty object: 0 bytes",
            "header only: no data rows",
            "header at line 1: unknown columns: [colour] (known columns: [symbol, company_id, exchange, exchange_timestamp, "
                + "price, volume, qualifiers, venue, buyer_id, sequence_number])",
            "no route for key 'misc/prices.csv': expected one of the prefixes [asx/trades/, asx/quotes/, trades/, quotes/]",
            "unknown company id 9999: not in s3://landing/asx/reference-data/company_info.csv",
            "not UTF-8 text: invalid byte sequence at line 1, byte 1",
            "bucket 'someone-elses-bucket' is not a configured landing bucket");
    assertThat(tables.snapshots(TRADES)).isEmpty();
    assertThat(landing.exists("_rejected/trades/header-only.csv.errors.jsonl")).isTrue();
    assertThat(landing.exists("_rejected/misc/prices.csv.errors.jsonl")).isTrue();
  }

  @Test
  void aMissingTableFailsTheInvocationSoThatLambdaRetriesIt() {
    catalog.dropTable(TableIdentifier.of("market_data", "quotes"), true);
    Landed file =
        landing.put("asx/quotes/7078.csv", "03/12/2014,10:00:00.000,36.5,36.6,100,200\r\n");

    String error =
        given()
            .contentType("application/json")
            .body(Landing.s3Event(file))
            .when()
            .post()
            .then()
            .statusCode(500)
            .extract()
            .asString();

    assertThat(error)
        .contains("table market_data.quotes does not exist: run the init function first");
  }

  @Test
  void aMissingTableInAnSqsBatchReturnsOnlyThatMessageToTheQueue() {
    catalog.dropTable(TableIdentifier.of("market_data", "quotes"), true);
    Landed quotes =
        landing.put("asx/quotes/7078.csv", "03/12/2014,10:00:00.000,36.5,36.6,100,200\r\n");
    Landed trades = landing.put("asx/trades/7078.csv", "03/12/2014,10:00:00.000,36.5,10,0,,\r\n");

    JsonPath response = invoke(Landing.sqsEvent(trades, quotes));

    assertThat(response.getList("objects.status")).containsExactly("committed", "failed");
    assertThat(response.getList("batchItemFailures.itemIdentifier")).containsExactly("message-1");
  }

  @Test
  void aDriftedTableFailsTheWholeInvocationNamingTheSettingInsteadOfRetryingTheMessage() {
    catalog
        .loadTable(TableIdentifier.of("market_data", "quotes"))
        .updateSpec()
        .addField("symbol")
        .commit();
    Landed quotes =
        landing.put("asx/quotes/7078.csv", "03/12/2014,10:00:00.000,36.5,36.6,100,200\r\n");
    Landed trades = landing.put("asx/trades/7078.csv", "03/12/2014,10:00:00.000,36.5,10,0,,\r\n");

    String error =
        given()
            .contentType("application/json")
            .body(Landing.sqsEvent(trades, quotes))
            .when()
            .post()
            .then()
            .statusCode(500)
            .extract()
            .asString();

    assertThat(error).contains("k2.tables.quotes: table market_data.quotes is partitioned by");
    assertThat(tables.snapshots(QUOTES)).isEmpty();
  }

  @Test
  void anSqsBatchMakesOneSnapshotPerTableCarryingEveryObject() {
    Landed t1 = landing.put("asx/trades/7078.csv", "03/12/2014,10:00:00.000,36.5,10,0,,\r\n");
    Landed t2 = landing.put("asx/trades/3153.csv", "03/12/2014,10:00:00.000,1.1,10,0,,\r\n");
    Landed t3 = landing.put("trades/desk.csv", CSV_TRADES);
    Landed q1 = landing.put("asx/quotes/7078.csv", "03/12/2014,10:00:00.000,36.5,36.6,100,200\r\n");
    Landed bad = landing.put("asx/quotes/3153.csv", "03/12/2014,10:00:00.000,-1,36.6,100,200\r\n");

    JsonPath response = invoke(Landing.sqsEvent(t1, t2, t3, q1, bad));

    assertThat(response.getList("objects.status"))
        .containsExactly("committed", "committed", "committed", "committed", "rejected");
    assertThat(response.getList("batchItemFailures")).isEmpty();
    assertThat(tables.snapshots(TRADES))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.summary())
                  .containsEntry("k2.sources", "3")
                  .containsEntry("k2.rows", "6");
              assertThat(SnapshotSummary.entries(s))
                  .extracting(SnapshotSummary.Entry::keyId)
                  .hasSize(3)
                  .startsWith(SourceObject.keyIdOf("landing", "asx/trades/7078.csv"))
                  .endsWith(SourceObject.keyIdOf("landing", "trades/desk.csv"));
            });
    assertThat(response.getList("objects.snapshot_id", Long.class).subList(0, 3))
        .containsOnly(tables.currentSnapshotId(TRADES));
    assertThat(tables.snapshots(QUOTES))
        .singleElement()
        .satisfies(s -> assertThat(s.summary()).containsEntry("k2.sources", "1"));
  }

  @Test
  void theSameObjectTwiceInOneBatchLandsOnceAndBothNameTheSnapshot() {
    Landed file = landing.put("asx/trades/7078.csv", "03/12/2014,10:00:00.000,36.5,10,0,,\r\n");

    JsonPath response = invoke(Landing.sqsEvent(file, file));

    assertThat(response.getList("objects.status")).containsExactly("committed", "duplicate");
    assertThat(response.getLong("objects[1].snapshot_id"))
        .isEqualTo(response.getLong("objects[0].snapshot_id"));
    assertThat(tables.rows(TRADES)).hasSize(1);
  }

  @Test
  void everyAttemptIsRecordedInTheIngestLog() {
    Landed good = landing.put("asx/trades/7078.csv", "03/12/2014,10:00:00.000,36.5,10,0,,\r\n");
    Landed bad = landing.put("asx/trades/3153.csv", "03/12/2014,25:00:00.000,1.1,10,0,,\r\n");

    JsonPath first = invoke(Landing.s3Event(good, bad));
    invoke(Landing.s3Event(good));

    List<Record> log =
        tables.rows("market_data.ingest_log").stream()
            .sorted(
                Comparator.comparing(
                        (Record r) -> (java.time.OffsetDateTime) r.getField("processed_at"))
                    .thenComparing(r -> (String) r.getField("key")))
            .toList();
    assertThat(log)
        .extracting(
            r ->
                r.getField("key")
                    + " "
                    + r.getField("status")
                    + " "
                    + r.getField("rows")
                    + " "
                    + r.getField("rejected_rows")
                    + " "
                    + r.getField("snapshot_id"))
        .containsExactly(
            "asx/trades/3153.csv rejected 0 1 null",
            "asx/trades/7078.csv committed 1 0 " + first.getLong("objects[0].snapshot_id"),
            "asx/trades/7078.csv duplicate 0 0 " + first.getLong("objects[0].snapshot_id"));
    assertThat(log.get(1).getField("sha256")).isEqualTo(first.getString("objects[0].sha256"));
    assertThat(log.get(1).getField("table_name")).isEqualTo(TRADES);
    assertThat(log.get(1).getField("etag")).isEqualTo(good.eTag());
    assertThat(log.get(0).getField("error"))
        .asString()
        .contains("line 1, column exchange_timestamp", "hour must be 00-23");
    assertThat(log.get(1).getField("invocation_id"))
        .isNotEqualTo(log.get(2).getField("invocation_id"));
  }

  static final Comparator<Record> BY_TIME_THEN_SEQUENCE =
      Comparator.comparing((Record r) -> (LocalDateTime) r.getField("exchange_timestamp"))
          .thenComparing(r -> (Long) r.getField("sequence_number"));

  private List<Record> rowsInFileOrder() {
    // Each day's file read on its own keeps its physical order.
    return tables.rows(TRADES).stream()
        .filter(r -> ((LocalDateTime) r.getField("exchange_timestamp")).getDayOfMonth() == 10)
        .toList();
  }

  private static List<Record> sorted(List<Record> rows) {
    return rows.stream().sorted(BY_TIME_THEN_SEQUENCE).toList();
  }

  static JsonPath invoke(String event) {
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

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
