package io.k2.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.parse.ParseContext.Listing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
