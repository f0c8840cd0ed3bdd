package io.k2.ingest.lambda;

import static io.k2.ingest.lambda.IngestFunctionTest.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.catalog.TableInitializer;
import io.k2.ingest.support.EmbeddedServersResource;
import io.k2.ingest.support.Landing;
import io.k2.ingest.support.Landing.Landed;
import io.k2.ingest.support.TableReader;
import io.k2.ingest.support.TestWarehouse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ASX reference data as a vendor, or a spreadsheet, writes it, through the ingest handler: its
 * small flaws are tolerated, symbols are resolved by company and trading day, and a malformed file
 * fails the waiting ASX files with one clear error until a fixed file lands.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedServersResource.class)
class ReferenceDataTest {

  static final String TRADES = "market_data.trades";
  static final String KEY = "asx/reference-data/company_info.csv";
  static final String LOCATION = "s3://landing/" + KEY;
  static final String HEADER = "company_id,symbol,company_name,ISIN,start_date,end_date\r\n";
  static final String ROWS_2005_AND_2014 =
      "03/10/2005,10:00:00.000,12.5,1,0,,\r\n03/10/2014,10:00:00.000,36.5,2,0,,\r\n";

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

  static Stream<Arguments> spreadsheetFlaws() {
    String listing = "7078,BHP,TEST MINER LTD,XX0000007078,01/01/2001,12/31/2099\r\n";
    return Stream.of(
        Arguments.of("a byte order mark", "\uFEFF" + HEADER + listing),
        Arguments.of("trailing separator-only lines", HEADER + listing + ",,,,,\r\n,,,,,\r\n"),
        Arguments.of("trailing empty lines", HEADER + listing + "\r\n\r\n"),
        Arguments.of("LF line ends", (HEADER + listing).replace("\r\n", "\n")),
        Arguments.of(
            "header names in another case",
            "Company_ID,SYMBOL,Company_Name,ISIN,Start_Date,End_Date\r\n" + listing));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spreadsheetFlaws")
  void smallFlawsOfASpreadsheetAreTolerated(String flaw, String reference) {
    landing.put(KEY, reference);

    JsonPath response =
        invoke(
            Landing.s3Event(
                landing.put("asx/trades/7078.csv", "03/10/2014,10:00:00.000,36.5,2,0,,\r\n")));

    assertThat(response.getString("objects[0].status")).isEqualTo("committed");
    assertThat(tables.rows(TRADES)).extracting(r -> r.getField("symbol")).containsExactly("BHP");
  }

  @Test
  void eachRowTakesTheSymbolListedOnItsTradingDay() {
    landing.put(
        KEY,
        HEADER
            + "7078,BHPO,TEST MINER OLD,XX0000007078,01/01/2001,12/31/2009\r\n"
            + "7078,BHP,TEST MINER LTD,XX0000007078,01/01/2010,\r\n");

    JsonPath response =
        invoke(Landing.s3Event(landing.put("asx/trades/7078.csv", ROWS_2005_AND_2014)));

    assertThat(response.getString("objects[0].status")).isEqualTo("committed");
    assertThat(tables.rows(TRADES))
        .extracting(
            r ->
                r.getField("exchange_timestamp").toString().substring(0, 4)
                    + " "
                    + r.getField("symbol"))
        .containsExactlyInAnyOrder("2005 BHPO", "2014 BHP");
  }

  @Test
  void aTradeAfterTheDelistingIsABadRow() {
    landing.put(KEY, HEADER + "7078,BHP,TEST MINER LTD,XX0000007078,01/01/2001,12/31/2009\r\n");

    JsonPath response =
        invoke(Landing.s3Event(landing.put("asx/trades/7078.csv", ROWS_2005_AND_2014)));

    assertRejected(
        response,
        "1 bad row(s) in s3://landing/asx/trades/7078.csv; first: line 2, column exchange_timestamp"
            + " '03/10/2014': company 7078 is not listed on 2014-03-10 in "
            + LOCATION
            + " (listings: 2001-01-01 to 2009-12-31 (line 2))");
  }

  @Test
  void aCompanyWithoutASymbolIsABadRowNotAnEmptySymbol() {
    landing.put(KEY, HEADER + "7078,,TEST MINER LTD,XX0000007078,01/01/2001,\r\n");

    JsonPath response =
        invoke(
            Landing.s3Event(
                landing.put("asx/trades/7078.csv", "03/10/2014,10:00:00.000,36.5,2,0,,\r\n")));

    assertRejected(
        response,
        "1 bad row(s) in s3://landing/asx/trades/7078.csv; first: line 1,"
            + " column symbol '': company 7078 has no symbol on 2014-03-10: "
            + LOCATION
            + " line 2 gives none");
  }

  @Test
  void aMalformedReferenceFileFailsTheWaitingFilesUntilAFixedOneLands() {
    landing.put(
        KEY,
        HEADER
            + "7078,BHP,TEST MINER LTD,XX0000007078,01/01/2001,\r\n"
            + "3153,MWR,TEST WIRELESS LTD,XX0000003153,2001-01-01,\r\n");
    Landed trades = landing.put("asx/trades/7078.csv", "03/10/2014,10:00:00.000,36.5,2,0,,\r\n");

    JsonPath failed = invoke(Landing.sqsEvent(trades));

    // Transient: the message goes back to the queue (and, after maxReceiveCount, to the DLQ).
    assertThat(failed.getString("objects[0].status")).isEqualTo("failed");
    assertThat(failed.getString("objects[0].error"))
        .isEqualTo(
            "ReferenceDataMalformedException:"
                + " reference data "
                + LOCATION
                + " is malformed at line 3: start_date '2001-01-01' is not"
                + " a date MM/DD/YYYY");
    assertThat(failed.getList("batchItemFailures.itemIdentifier")).containsExactly("message-0");
    assertThat(tables.snapshots(TRADES)).isEmpty();

    landing.put(
        KEY,
        HEADER
            + "7078,BHP,TEST MINER LTD,XX0000007078,01/01/2001,\r\n"
            + "3153,MWR,TEST WIRELESS LTD,XX0000003153,01/01/2001,\r\n");
    JsonPath redelivered = invoke(Landing.sqsEvent(trades));

    assertThat(redelivered.getString("objects[0].status")).isEqualTo("committed");
    assertThat(redelivered.getList("batchItemFailures")).isEmpty();
    assertThat(tables.rows(TRADES)).extracting(r -> r.getField("symbol")).containsExactly("BHP");
  }

  @Test
  void aTrailingLineWithAStrayValueIsNamedByItsLine() {
    landing.put(
        KEY,
        HEADER
            + "7078,BHP,TEST MINER LTD,XX0000007078,01/01/2001,\r\n"
            + ",,,,,\r\n"
            + ",,,,x,\r\n");

    JsonPath failed =
        invoke(
            Landing.sqsEvent(
                landing.put("asx/trades/7078.csv", "03/10/2014,10:00:00.000,36.5,2,0,,\r\n")));

    assertThat(failed.getString("objects[0].status")).isEqualTo("failed");
    assertThat(failed.getString("objects[0].error"))
        .isEqualTo(
            "ReferenceDataMalformedException:"
                + " reference data "
                + LOCATION
                + " is malformed at line 4: company_id '' is not a whole"
                + " number from 1 to 2147483647");
    assertThat(tables.snapshots(TRADES)).isEmpty();
  }

  private void assertRejected(JsonPath response, String error) {
    assertThat(response.getString("objects[0].status")).isEqualTo("rejected");
    assertThat(response.getString("objects[0].error")).isEqualTo(error);
    assertThat(response.getLong("objects[0].rows")).isZero();
    assertThat(tables.snapshots(TRADES)).isEmpty();
    assertThat(tables.rows(TRADES)).isEmpty();
  }
}
