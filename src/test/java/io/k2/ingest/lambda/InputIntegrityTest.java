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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.iceberg.data.Record;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files a vendor or a colleague really produces, through the ingest handler against the in-process
 * servers: every byte of a gzip object is accounted for, ASX file names are read strictly, given
 * sequence numbers identify their rows, and timestamps are exact and plausible. A rejected file
 * leaves no row in the table.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedServersResource.class)
class InputIntegrityTest {

  static final String TRADES = "market_data.trades";
  static final String ROW_1 = "03/10/2014,10:00:00.000,36.5,1,0,,\r\n";
  static final String ROW_2 = "03/10/2014,10:00:01.000,36.6,2,0,,\r\n";
  static final String ROW_3 = "03/10/2014,10:00:02.000,36.7,3,0,,\r\n";
  static final String ROW_4 = "03/10/2014,10:00:03.000,36.8,4,0,,\r\n";
  static final String CSV_HEADER =
      "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,sequence_number\n";

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
    landing.put("asx/reference-data/company_info.csv", IngestFunctionTest.COMPANIES);
  }

  @AfterEach
  void close() {
    warehouse.close();
  }

  // gzip

  @Test
  void aMultiMemberGzipCommitsEveryRowOfEveryMember() {
    Landed file =
        landing.put(
            "asx/trades/7078.csv.gz", concat(gzip(ROW_1 + ROW_2), gzip(ROW_3), gzip(ROW_4)));

    JsonPath response = invoke(Landing.s3Event(file));

    assertThat(response.getString("objects[0].status")).isEqualTo("committed");
    assertThat(response.getLong("objects[0].rows")).isEqualTo(4);
    assertThat(tables.rows(TRADES))
        .extracting(r -> r.getField("volume"))
        .containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
  }

  @Test
  void aGzipFileOfThousandsOfMembersIsReadCompletely() {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    int members = 3_000;
    for (int i = 0; i < members; i++) {
      file.writeBytes(
          gzip(
              String.format(
                  "03/10/2014,10:%02d:%02d.%03d,36.5,%d,0,,\r\n",
                  i / 3600 % 60, i / 60 % 60, i % 1000, i + 1)));
    }

    JsonPath response =
        invoke(Landing.s3Event(landing.put("asx/trades/7078.csv.gz", file.toByteArray())));

    assertThat(response.getString("objects[0].status")).isEqualTo("committed");
    assertThat(response.getLong("objects[0].rows")).isEqualTo(members);
    List<Record> rows = tables.rows(TRADES);
    assertThat(rows).hasSize(members);
    assertThat(rows.stream().mapToLong(r -> (Long) r.getField("volume")).sum())
        .isEqualTo((long) members * (members + 1) / 2);
  }

  @Test
  void gzipFollowedByPlainTextIsRejectedWithTheOffsetOfTheText() {
    byte[] member = gzip(ROW_1 + ROW_2);
    Landed file =
        landing.put(
            "asx/trades/7078.csv.gz",
            concat(member, (ROW_3 + ROW_4).getBytes(StandardCharsets.UTF_8)));

    JsonPath response = invoke(Landing.s3Event(file));

    assertRejected(
        response,
        "corrupt gzip data: the bytes from byte offset "
            + member.length
            + ", after 1 complete member(s), are not a gzip member");
  }

  @Test
  void aSecondMemberWithADamagedHeaderIsRejectedWithItsOffset() {
    byte[] first = gzip(ROW_1 + ROW_2);
    byte[] second = gzip(ROW_3 + ROW_4);
    second[3] = (byte) 0xe0; // reserved header flags
    Landed file = landing.put("asx/trades/7078.csv.gz", concat(first, second));

    JsonPath response = invoke(Landing.s3Event(file));

    assertRejected(
        response,
        "corrupt gzip data: member 2 at byte offset "
            + first.length
            + ": Reserved flags are set in the .gz header");
  }

  @Test
  void theGzipExtensionIsReadInAnyCase() {
    Landed file = landing.put("asx/trades/2014-03-10/7078.CSV.GZ", gzip(ROW_1 + ROW_2));

    JsonPath response = invoke(Landing.s3Event(file));

    assertThat(response.getString("objects[0].status")).isEqualTo("committed");
    assertThat(response.getLong("objects[0].rows")).isEqualTo(2);
  }

  // ASX file names

  @ParameterizedTest
  @ValueSource(strings = {"+7078.csv", "7078.backup.csv", "٧٠٧٨.csv", "07078.csv", "7078.txt"})
  void anAsxFileNameOtherThanTheCompanyIdIsRejectedWithTheRule(String name) {
    Landed file = landing.put("asx/trades/" + name, ROW_1);

    JsonPath response = invoke(Landing.s3Event(file));

    assertRejected(
        response,
        "ASX file name '"
            + name
            + "' is not accepted: ASX files are named <company_id>[.csv][.gz]: the company id in"
            + " ASCII digits without a leading zero, then optionally .csv and .gz in any case");
  }

  @Test
  void dateFoldersBelowTheRouteAreAllowedAndACopyInAnotherFolderIsADuplicate() {
    Landed original = landing.put("asx/trades/2014-03-10/7078.csv", ROW_1 + ROW_2);
    Landed copy = landing.put("asx/trades/backup/7078.csv", ROW_1 + ROW_2);

    JsonPath first = invoke(Landing.s3Event(original));
    JsonPath second = invoke(Landing.s3Event(copy));

    assertThat(first.getString("objects[0].status")).isEqualTo("committed");
    assertThat(second.getString("objects[0].status")).isEqualTo("duplicate");
    assertThat(second.getString("objects[0].error"))
        .isEqualTo(
            "same content already committed in snapshot "
                + first.getLong("objects[0].snapshot_id"));
    assertThat(tables.rows(TRADES)).hasSize(2);
  }

  // Given sequence numbers

  @Test
  void aRepeatedSequenceNumberRejectsTheFileNamingBothLines() {
    Landed file =
        landing.put(
            "trades/desk/repeat.csv",
            CSV_HEADER
                + "BHP,7078,ASX,2014-03-10T10:00:00,36.5,1,0,1\n"
                + "BHP,7078,ASX,2014-03-10T10:00:01,36.5,1,0,2\n"
                + "BHP,7078,ASX,2014-03-10T10:00:02,36.5,1,0,2\n");

    JsonPath response = invoke(Landing.s3Event(file));

    assertRejected(response, "sequence_number 2 repeats within BHP on 2014-03-10: lines 3 and 4");
  }

  @Test
  void anEmptySequenceNumberIsABadRow() {
    Landed file =
        landing.put(
            "trades/desk/empty-sequence.csv",
            CSV_HEADER
                + "BHP,7078,ASX,2014-03-10T10:00:00,36.5,1,0,1\n"
                + "BHP,7078,ASX,2014-03-10T10:00:01,36.5,1,0,\n");

    JsonPath response = invoke(Landing.s3Event(file));

    assertRejected(
        response,
        "1 bad row(s) in s3://landing/trades/desk/empty-sequence.csv; first:"
            + " line 3, column sequence_number '': empty");
  }

  // Timestamps

  @Test
  void aBareFractionalDotIsABadRow() {
    Landed file = landing.put("asx/trades/7078.csv", ROW_1 + "03/10/2014,10:00:00.,36.5,1,0,,\r\n");

    JsonPath response = invoke(Landing.s3Event(file));

    assertRejected(
        response,
        "1 bad row(s) in s3://landing/asx/trades/7078.csv; first: line 2,"
            + " column exchange_timestamp '10:00:00.': not a valid time HH:MM:SS[.ffffff]");
  }

  @Test
  void aDateOutsideThePlausibleWindowIsABadRow() {
    Landed file =
        landing.put("asx/trades/7078.csv", ROW_1 + "01/01/0001,10:00:00.000,36.5,1,0,,\r\n");

    JsonPath response = invoke(Landing.s3Event(file));

    assertRejected(
        response,
        "1 bad row(s) in s3://landing/asx/trades/7078.csv; first: line 2,"
            + " column exchange_timestamp '01/01/0001': date outside the plausible range 1980-01-01"
            + " to 2100-01-01 (k2.parse.plausible-dates)");
  }

  @Test
  void anExactFractionWithTrailingZerosIsAccepted() {
    Landed file =
        landing.put(
            "trades/desk/nanos.csv",
            CSV_HEADER
                + "BHP,7078,ASX,2014-03-10T10:00:00.123000000,36.5,1,0,1\n"
                + "BHP,7078,ASX,2014-03-10T10:00:00.123456000,36.5,1,0,2\n");

    JsonPath response = invoke(Landing.s3Event(file));

    assertThat(response.getString("objects[0].status")).isEqualTo("committed");
    assertThat(tables.rows(TRADES))
        .extracting(r -> r.getField("exchange_timestamp"))
        .containsExactlyInAnyOrder(
            LocalDateTime.of(2014, 3, 10, 10, 0, 0, 123_000_000),
            LocalDateTime.of(2014, 3, 10, 10, 0, 0, 123_456_000));
  }

  /** Rejected with exactly this error, and not a row in the table. */
  private void assertRejected(JsonPath response, String error) {
    assertThat(response.getString("objects[0].status")).isEqualTo("rejected");
    assertThat(response.getString("objects[0].error")).isEqualTo(error);
    assertThat(response.getLong("objects[0].rows")).isZero();
    assertThat(response.getList("batchItemFailures")).isEmpty();
    assertThat(tables.snapshots(TRADES)).isEmpty();
    assertThat(tables.rows(TRADES)).isEmpty();
  }

  static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      bytes.writeBytes(part);
    }
    return bytes.toByteArray();
  }
}
