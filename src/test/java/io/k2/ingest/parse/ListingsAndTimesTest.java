package io.k2.ingest.parse;

import static io.k2.ingest.domain.MarketTable.TRADES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.config.K2Config.DateWindow;
import io.k2.ingest.config.K2Config.Layout;
import io.k2.ingest.parse.ParseContext.Company;
import io.k2.ingest.parse.ParseContext.Listing;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Symbols by trading day from a company's listings, the plausible date window, exact fractions, and
 * the order of sequence numbers a file gives itself.
 */
class ListingsAndTimesTest {

  private static final String REFERENCE = "s3://landing/asx/reference-data/company_info.csv";
  private static final String CSV_HEADER =
      "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,sequence_number\n";

  /** Listed as OLD until 2009, as BHP from 2010 to March 2014, then delisted; line 5 is blank. */
  private static final Company RENAMED =
      new Company(
          7078,
          List.of(
              new Listing("OLD", LocalDate.of(2003, 11, 6), LocalDate.of(2009, 12, 31), 2),
              new Listing("BHP", LocalDate.of(2010, 1, 1), LocalDate.of(2014, 3, 31), 3)),
          REFERENCE);

  @Test
  void eachRowTakesTheSymbolListedOnItsDay() {
    CollectingSink sink =
        asx(
            RENAMED,
            """
            03/10/2005,10:00:00.000,1.5,1,0,,
            12/31/2009,10:00:00.000,1.5,1,0,,
            01/01/2010,10:00:00.000,1.5,1,0,,
            03/31/2014,10:00:00.000,1.5,1,0,,
            """);

    assertThat(sink.errors).isEmpty();
    assertThat(sink.rows)
        .extracting(r -> r.getField("symbol") + " " + r.getField("sequence_number"))
        .containsExactly("OLD 1", "OLD 1", "BHP 1", "BHP 1");
  }

  @Test
  void aDayOutsideEveryListingIsABadRow() {
    CollectingSink sink =
        asx(
            RENAMED,
            """
            03/10/2014,10:00:00.000,1.5,1,0,,
            04/01/2014,10:00:00.000,1.5,1,0,,
            10/01/2003,10:00:00.000,1.5,1,0,,
            """);

    assertThat(sink.rows).hasSize(1);
    String listings = "2003-11-06 to 2009-12-31 (line 2), 2010-01-01 to 2014-03-31 (line 3)";
    assertThat(sink.errors)
        .containsExactly(
            new RowError(
                2,
                "exchange_timestamp",
                "04/01/2014",
                "company 7078 is not listed on 2014-04-01 in "
                    + REFERENCE
                    + " (listings: "
                    + listings
                    + ")"),
            new RowError(
                3,
                "exchange_timestamp",
                "10/01/2003",
                "company 7078 is not listed on 2003-10-01 in "
                    + REFERENCE
                    + " (listings: "
                    + listings
                    + ")"));
  }

  @Test
  void aListingWithoutASymbolIsABadRowNotAnEmptySymbol() {
    Company noSymbol = new Company(7078, List.of(new Listing(" ", null, null, 4)), REFERENCE);

    CollectingSink sink = asx(noSymbol, "03/10/2014,10:00:00.000,1.5,1,0,,\n");

    assertThat(sink.rows).isEmpty();
    assertThat(sink.errors)
        .containsExactly(
            new RowError(
                1,
                "symbol",
                " ",
                "company 7078 has no symbol on 2014-03-10: " + REFERENCE + " line 4 gives none"));
  }

  @Test
  void twoSymbolsOnOneDayAreABadRowButTheSameSymbolTwiceIsNot() {
    Company overlapping =
        new Company(
            7078,
            List.of(
                new Listing("BHP", null, LocalDate.of(2014, 3, 10), 2),
                new Listing("BHPX", LocalDate.of(2014, 3, 10), null, 3),
                new Listing("BHPX", LocalDate.of(2014, 3, 11), null, 4)),
            REFERENCE);

    CollectingSink sink =
        asx(
            overlapping,
            """
            03/10/2014,10:00:00.000,1.5,1,0,,
            03/11/2014,10:00:00.000,1.5,1,0,,
            """);

    assertThat(sink.rows).extracting(r -> r.getField("symbol")).containsExactly("BHPX");
    assertThat(sink.errors)
        .containsExactly(
            new RowError(
                1,
                "symbol",
                null,
                "company 7078 has more than one symbol on 2014-03-10 in "
                    + REFERENCE
                    + ": BHP line 2, BHPX line 3"));
  }

  @Test
  void aBareDotAndDatesOutsideTheWindowAreBadRows() {
    CollectingSink sink =
        asx(
            RENAMED,
            """
            03/10/2014,10:00:00.,1.5,1,0,,
            01/01/0001,10:00:00.000,1.5,1,0,,
            03/10/2014,10:00:00.100000000,1.5,1,0,,
            """);

    assertThat(sink.errors)
        .containsExactly(
            new RowError(
                1, "exchange_timestamp", "10:00:00.", "not a valid time HH:MM:SS[.ffffff]"),
            new RowError(
                2,
                "exchange_timestamp",
                "01/01/0001",
                "date outside the plausible range 1980-01-01 to 2100-01-01"
                    + " (k2.parse.plausible-dates)"));
    assertThat(sink.rows).hasSize(1);
  }

  @Test
  void theWindowIsConfigurable() {
    DateWindow window = DateWindow.valueOf("2014-03-10/2014-03-11");
    ParserFactory factory = new ParserFactory(ParserFactory.DEFAULT_MAX_LINE_LENGTH, window);
    CollectingSink sink = new CollectingSink();

    parse(
        factory,
        Layout.CSV,
        null,
        CSV_HEADER
            + "BHP,7078,ASX,2014-03-09T10:00:00,1.5,1,0,1\n"
            + "BHP,7078,ASX,2014-03-10T10:00:00,1.5,1,0,1\n"
            + "BHP,7078,ASX,2014-03-11T23:59:59.999999,1.5,1,0,1\n"
            + "BHP,7078,ASX,2014-03-12T00:00:00,1.5,1,0,1\n",
        sink);

    assertThat(sink.rows).hasSize(2);
    assertThat(sink.errors)
        .extracting(RowError::line, RowError::reason)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(
                2L,
                "date outside the plausible range 2014-03-10 to 2014-03-11"
                    + " (k2.parse.plausible-dates)"),
            org.assertj.core.api.Assertions.tuple(
                5L,
                "date outside the plausible range 2014-03-10 to 2014-03-11"
                    + " (k2.parse.plausible-dates)"));
  }

  @Test
  void aWindowIsTwoOrderedIsoDates() {
    assertThat(DateWindow.valueOf(" 1980-01-01 / 2100-01-01 ")).isEqualTo(DateWindow.DEFAULT);
    assertThatThrownBy(() -> DateWindow.valueOf("2100-01-01/1980-01-01"))
        .hasMessage("the window's start 2100-01-01 is after its end 1980-01-01");
    assertThatThrownBy(() -> DateWindow.valueOf("1980-01-01"))
        .hasMessage(
            "expected two ISO dates as earliest/latest, e.g. 1980-01-01/2100-01-01:"
                + " 1980-01-01");
    assertThatThrownBy(() -> DateWindow.valueOf("1980-01-01/01/01/2100"))
        .hasMessageStartingWith("expected two ISO dates");
    assertThatThrownBy(() -> DateWindow.valueOf("1980-1-1/2100-01-01"))
        .hasMessage("not an ISO date (YYYY-MM-DD): 1980-1-1");
  }

  @Test
  void givenSequenceNumbersIncreasingPerSymbolAndDayAreAcceptedInterleaved() {
    CollectingSink sink =
        csv(
            CSV_HEADER
                + "BHP,7078,ASX,2014-03-10T10:00:00,1.5,1,0,5\n"
                + "RIO,7458,ASX,2014-03-10T10:00:00,1.5,1,0,5\n"
                + "BHP,7078,ASX,2014-03-11T10:00:00,1.5,1,0,1\n"
                + "BHP,7078,ASX,2014-03-10T10:00:01,1.5,1,0,9\n");

    assertThat(sink.errors).isEmpty();
    assertThat(sink.rows)
        .extracting(r -> r.getField("sequence_number"))
        .containsExactly(5L, 5L, 1L, 9L);
  }

  @Test
  void aRepeatedSequenceNumberRejectsTheFileNamingBothLines() {
    assertThatThrownBy(
            () ->
                csv(
                    CSV_HEADER
                        + "BHP,7078,ASX,2014-03-10T10:00:00,1.5,1,0,5\n"
                        + "BHP,7078,ASX,2014-03-11T10:00:00,1.5,1,0,5\n"
                        + "BHP,7078,ASX,2014-03-10T10:00:01,1.5,1,0,5\n"))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("sequence_number 5 repeats within BHP on 2014-03-10: lines 2 and 4");
  }

  @Test
  void aSequenceNumberThatStepsBackRejectsTheFileNamingBothLines() {
    assertThatThrownBy(
            () ->
                csv(
                    CSV_HEADER
                        + "BHP,7078,ASX,2014-03-10T10:00:00,1.5,1,0,5\n"
                        + "BHP,7078,ASX,2014-03-10T10:00:00,1.5,1,0,3\n"))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage(
            "sequence_number 3 at line 3 is lower than 5 at line 2 within BHP on"
                + " 2014-03-10: a file's sequence numbers must increase in file order within each"
                + " symbol and trading day");
  }

  private static CollectingSink asx(Company company, String text) {
    CollectingSink sink = new CollectingSink();
    parse(new ParserFactory(), Layout.ASX, company, text, sink);
    return sink;
  }

  private static CollectingSink csv(String text) {
    CollectingSink sink = new CollectingSink();
    parse(new ParserFactory(), Layout.CSV, null, text, sink);
    return sink;
  }

  private static void parse(
      ParserFactory factory, Layout layout, Company company, String text, CollectingSink sink) {
    ParseContext context = new ParseContext(TRADES, Parsing.SOURCE, Parsing.INGESTED, company);
    try {
      factory.create(layout, context).parse(new StringReader(text), sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
