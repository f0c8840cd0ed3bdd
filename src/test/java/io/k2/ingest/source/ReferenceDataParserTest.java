package io.k2.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.parse.ParseContext.Listing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceDataParserTest {

  private static final String FILE = "s3://landing/asx/reference-data/company_info.csv";
  private static final String HEADER = "company_id,symbol,company_name,ISIN,start_date,end_date";

  @Test
  void readsListingsWithTheirDatesAndLines() {
    Map<Integer, List<Listing>> listings =
        parse(
            HEADER
                + "\r\n"
                + "7078,BHP,TEST MINER LTD,XX0000007078,05/07/2008,03/31/2014\r\n"
                + "3153,OLD,TEST WIRELESS LTD,XX0000003153,11/06/2003,12/31/2009\r\n"
                + "3153,MWR,TEST WIRELESS LTD,XX0000003153,01/01/2010,\r\n");

    assertThat(listings.get(7078))
        .containsExactly(
            new Listing("BHP", LocalDate.of(2008, 5, 7), LocalDate.of(2014, 3, 31), 2));
    assertThat(listings.get(3153))
        .containsExactly(
            new Listing("OLD", LocalDate.of(2003, 11, 6), LocalDate.of(2009, 12, 31), 3),
            new Listing("MWR", LocalDate.of(2010, 1, 1), null, 4));
  }

  @Test
  void acceptsWhatASpreadsheetWrites() {
    // A byte order mark, header names in another case, one-digit months and days, padding, a
    // quoted name with a comma, and Excel's trailing separator-only and empty lines.
    Map<Integer, List<Listing>> listings =
        parse(
            "\uFEFFCompany_ID,Symbol,Company_Name,ISIN,"
                + "Start_Date,END_DATE\r\n"
                + "7078, BHP ,\"TEST MINER, LTD\",XX0000007078,5/7/2008,3/31/2014\r\n"
                + ",,,,,\r\n"
                + "\r\n"
                + " , ,,,,\r\n");

    assertThat(listings).containsOnlyKeys(7078);
    assertThat(listings.get(7078))
        .containsExactly(
            new Listing("BHP", LocalDate.of(2008, 5, 7), LocalDate.of(2014, 3, 31), 2));
  }

  @Test
  void anEmptySymbolIsKeptForTheRowsToReport() {
    Map<Integer, List<Listing>> listings =
        parse(HEADER + "\n7078,,TEST MINER LTD,XX0000007078,,\n");

    assertThat(listings.get(7078)).containsExactly(new Listing("", null, null, 2));
  }

  @Test
  void aCompanyNameInAnotherEncodingDoesNotMatter() {
    byte[] latin1 =
        (HEADER + "\r\n7078,BHP,SOCIÉTÉ TEST,XX0000007078,05/07/2008,\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    assertThat(parse(latin1).get(7078)).extracting(Listing::symbol).containsExactly("BHP");
  }

  @Test
  void eachFlawIsOneErrorNamingTheFileTheLineAndTheProblem() {
    assertMalformed(
        HEADER + "\r\n7078,BHP,X,Y,05/07/2008,\r\nabc,RIO,X,Y,05/07/2008,\r\n",
        3,
        "company_id 'abc' is not a whole number from 1 to 2147483647");
    assertMalformed(
        HEADER + "\r\n,BHP,X,Y,05/07/2008,\r\n",
        2,
        "company_id '' is not a whole number from 1 to 2147483647");
    assertMalformed(
        HEADER + "\r\n7078,BHP,X,Y,2008-05-07,\r\n",
        2,
        "start_date '2008-05-07' is not a date MM/DD/YYYY");
    assertMalformed(
        HEADER + "\r\n7078,BHP,X,Y,05/07/2008,02/30/2014\r\n",
        2,
        "end_date '02/30/2014' is not a date MM/DD/YYYY");
    assertMalformed(
        HEADER + "\r\n7078,BHP,X,Y,05/07/2014,05/06/2014\r\n",
        2,
        "start_date 2014-05-07 is after end_date 2014-05-06");
    assertMalformed(HEADER + "\r\n7078,BHP,X,Y,05/07/2008\r\n", 2, "expected 6 fields, found 5");
    assertMalformed(
        "company_id,symbol,name\r\n7078,BHP,X\r\n",
        1,
        "the header lacks [start_date, end_date] (it has [company_id, symbol, name])");
    assertMalformed(
        "company_id,symbol,Symbol,start_date,end_date\r\n",
        1,
        "column symbol appears twice in the header");
    assertMalformed("\uFEFF\r\n,,\r\n", 1, "empty file: no header");
  }

  @Test
  void columnsAreFoundByNameInAnyOrderAndListingsKeepFileOrder() {
    Map<Integer, List<Listing>> listings =
        parse(
            "\n,,,,\n END_DATE ,isin,Symbol,start_date,company_id\n"
                + "12/31/2009,X,OLD,11/06/2003,3153\n"
                + ",X,BHP,05/07/2008, 7078 \n"
                + ",X,MWR, 01/01/2010 ,3153\n");

    assertThat(listings).containsOnlyKeys(3153, 7078);
    assertThat(listings.get(3153))
        .containsExactly(
            new Listing("OLD", LocalDate.of(2003, 11, 6), LocalDate.of(2009, 12, 31), 4),
            new Listing("MWR", LocalDate.of(2010, 1, 1), null, 6));
    assertThat(listings.get(7078))
        .containsExactly(new Listing("BHP", LocalDate.of(2008, 5, 7), null, 5));
  }

  @Test
  void aListingOfOneDayAndTheLargestIdAreAccepted() {
    Map<Integer, List<Listing>> listings =
        parse(HEADER + "\n2147483647,ONE,X,Y,02/29/2012,2/29/2012\n1,A,X,Y,12/31/9999,\n");

    assertThat(listings.get(Integer.MAX_VALUE))
        .containsExactly(
            new Listing("ONE", LocalDate.of(2012, 2, 29), LocalDate.of(2012, 2, 29), 2));
    assertThat(listings.get(1))
        .containsExactly(new Listing("A", LocalDate.of(9999, 12, 31), null, 3));
  }

  @Test
  void everyDigitMayAppearInACompanyId() {
    Map<Integer, List<Listing>> listings = parse(HEADER + "\n9,A,X,Y,,\n1234567890,B,X,Y,,\n");

    assertThat(listings).containsOnlyKeys(9, 1234567890);
  }

  @Test
  void theListingsCannotBeChangedByTheirReaders() {
    Map<Integer, List<Listing>> listings = parse(HEADER + "\n7078,BHP,X,Y,,\n");

    assertThatThrownBy(() -> listings.put(1, List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> listings.get(7078).add(new Listing("RIO", null, null, 3)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aByteOrderMarkCountsOnlyAtTheStartOfTheFile() {
    assertThat(parse(HEADER + "\n\uFEFF\n7078,BHP,X,Y,,\n").get(7078))
        .containsExactly(new Listing("BHP", null, null, 3));
    assertMalformed(
        "company_id,\uFEFFsymbol,start_date,end_date\n",
        1,
        "the header lacks [symbol] (it has [company_id, \uFEFFsymbol, start_date, end_date])");
    assertMalformed(
        HEADER + "\n\uFEFF\uFEFF,,,,,\n",
        2,
        "company_id '\uFEFF\uFEFF' is not a whole number from 1 to 2147483647");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0", "2147483648", "99999999999", "-1", "+1", "7 078", "1.0", "\u0667", "x"})
  void aCompanyIdIsAWholeNumberFromOne(String id) {
    assertMalformed(
        HEADER + "\n" + id + ",BHP,X,Y,,\n",
        2,
        "company_id '" + id + "' is not a whole number from 1 to 2147483647");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "001/02/2008",
        "01/002/2008",
        "/02/2008",
        "01//2008",
        "01/02/08",
        "01/02/20081",
        "1a/02/2008",
        "01/0b/2008",
        "01/02/2oo8",
        "01/02/2008/",
        "01-02-2008",
        "13/01/2008",
        "00/01/2008",
        "01/32/2008",
        "02/29/2013"
      })
  void aDateIsMonthDayAndFourDigitYear(String date) {
    assertMalformed(
        HEADER + "\n7078,BHP,X,Y," + date + ",\n",
        2,
        "start_date '" + date + "' is not a date MM/DD/YYYY");
  }

  @Test
  void aSymbolThatIsNotUtf8IsMalformed() {
    byte[] bytes = (HEADER + "\n7078,B\u00ffP,X,Y,,\n").getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> parse(bytes))
        .isInstanceOf(ReferenceDataMalformedException.class)
        .hasMessage(
            "reference data "
                + FILE
                + " is malformed at line 2: symbol 'B\uFFFDP' is not UTF-8 text");
  }

  @Test
  void aSymbolThatStartsWithAByteThatIsNotUtf8IsMalformed() {
    byte[] bytes = (HEADER + "\n7078,\u00ffBP,X,Y,,\n").getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> parse(bytes))
        .isInstanceOf(ReferenceDataMalformedException.class)
        .hasMessageEndingWith("at line 2: symbol '\uFFFDBP' is not UTF-8 text");
  }

  @Test
  void aColumnRepeatedAfterTheFirstPositionIsMalformed() {
    assertMalformed(
        "company_id,symbol,Company_ID,start_date,end_date\n",
        1,
        "column company_id appears twice in the header");
  }

  @Test
  void aRowWiderThanTheHeaderIsMalformed() {
    assertMalformed(HEADER + "\n7078,BHP,X,Y,,,\n", 2, "expected 6 fields, found 7");
  }

  @Test
  void textThatIsNotCsvIsMalformedAtItsLine() {
    assertMalformed(
        HEADER + "\n7078,BHP,X,Y,,\n7079,\"RIO\"X,X,Y,,\n",
        3,
        "not CSV: Unexpected character after closing quote: 'X' (0x58)");
  }

  @Test
  void aReadThatFailsIsNotBlamedOnTheFile() {
    byte[] start = (HEADER + "\n7078,BHP,X,Y,,\n").getBytes(StandardCharsets.UTF_8);
    InputStream failing =
        new SequenceInputStream(
            new ByteArrayInputStream(start),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new SocketException("Connection reset");
              }
            });

    assertThatThrownBy(() -> new ReferenceDataParser(FILE).parse(failing))
        .isExactlyInstanceOf(SocketException.class)
        .hasMessage("Connection reset");
  }

  private static void assertMalformed(String text, long line, String problem) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(ReferenceDataMalformedException.class)
        .hasMessage("reference data " + FILE + " is malformed at line " + line + ": " + problem);
  }

  private static Map<Integer, List<Listing>> parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<Integer, List<Listing>> parse(byte[] bytes) {
    try {
      return new ReferenceDataParser(FILE).parse(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
