package io.k2.ingest.parse;

import static io.k2.ingest.domain.MarketTable.QUOTES;
import static io.k2.ingest.domain.MarketTable.TRADES;
import static io.k2.ingest.parse.ParseMessages.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.k2.ingest.domain.MarketTable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way an ASX row can be refused, each between two good rows: the bad row gives exactly one
 * error with its line, column, text and reason, and the rows around it are still read. Most cases
 * are a good row with one field replaced.
 */
class AsxBadRowTest {

  private static final List<String> GOOD_TRADE =
      List.of("03/10/2014", "10:00:00.000", "1.11", "100", "0", "", "");
  private static final List<String> GOOD_QUOTE =
      List.of("03/10/2014", "10:00:00.000", "1.11", "1.12", "100", "200");
  private static final List<String> TRADE_COLUMNS =
      List.of("exchange_timestamp", "exchange_timestamp", "price", "volume", "qualifiers");
  private static final List<String> QUOTE_COLUMNS =
      List.of(
          "exchange_timestamp",
          "exchange_timestamp",
          "bid_price",
          "ask_price",
          "bid_volume",
          "ask_volume");
  private static final int DATE = 0;
  private static final int TIME = 1;
  private static final int PRICE = 2;
  private static final int VOLUME = 3;
  private static final int QUALIFIERS = 4;

  static Stream<Arguments> badTrades() {
    return Stream.of(
        whole("03/10/2014,10:00:00.000,1.11,100,0", fieldCount(7, 5)),
        whole("03/10/2014,10:00:00.000,1.11,100,0,,,", fieldCount(7, 8)),
        whole(",,,,,,", BLANK_ROW),
        whole("   ", BLANK_ROW),
        whole(" , ,,  ,,,", BLANK_ROW),
        trade(DATE, "13/10/2014", INVALID_ASX_DATE),
        trade(DATE, "00/10/2014", INVALID_ASX_DATE),
        trade(DATE, "02/30/2014", INVALID_ASX_DATE),
        trade(DATE, "02/29/2014", INVALID_ASX_DATE),
        trade(DATE, "3/10/2014", INVALID_ASX_DATE),
        trade(DATE, "2014-03-10", INVALID_ASX_DATE),
        trade(DATE, "", INVALID_ASX_DATE),
        trade(TIME, "24:00:00.000", HOUR_OUT_OF_RANGE),
        trade(TIME, "13:61:00.000", MINUTE_OUT_OF_RANGE),
        trade(TIME, "13:00:60.000", SECOND_OUT_OF_RANGE),
        trade(TIME, "9:00:00.000", INVALID_ASX_TIME),
        trade(TIME, "10:00", INVALID_ASX_TIME),
        trade(TIME, "10:00:00.12a", INVALID_ASX_TIME),
        trade(TIME, "10:00:00.1234567", TOO_MANY_FRACTION_DIGITS),
        trade(TIME, "", INVALID_ASX_TIME),
        trade(PRICE, "0", MUST_BE_POSITIVE),
        trade(PRICE, "-1.5", MUST_BE_POSITIVE),
        trade(PRICE, "abc", NOT_A_NUMBER),
        trade(PRICE, "1e5", EXPONENT_NOT_ACCEPTED),
        trade(PRICE, "1.5E-3", EXPONENT_NOT_ACCEPTED),
        trade(PRICE, "1.1234567", TOO_MANY_DECIMAL_PLACES),
        trade(PRICE, "1234567890123", TOO_MANY_INTEGER_DIGITS),
        trade(PRICE, " 1.5", WHITESPACE_IN_NUMBER),
        trade(PRICE, "1 000", WHITESPACE_IN_NUMBER),
        trade(PRICE, ".5", NOT_A_NUMBER),
        trade(PRICE, "5.", NOT_A_NUMBER),
        trade(PRICE, "", EMPTY),
        trade(PRICE, "  ", EMPTY),
        // A quoted field is one field, separators and all: a bad number, not a field count error.
        quotedTrade(PRICE, "1,5", NOT_A_NUMBER),
        quotedTrade(PRICE, "1,000.5", NOT_A_NUMBER),
        trade(VOLUME, "-100", MUST_NOT_BE_NEGATIVE),
        trade(VOLUME, "100.5", NOT_A_WHOLE_NUMBER),
        trade(VOLUME, "1e3", EXPONENT_NOT_ACCEPTED),
        trade(VOLUME, "many", NOT_A_NUMBER),
        trade(VOLUME, "9223372036854775808", OUT_OF_RANGE),
        trade(VOLUME, "", EMPTY),
        trade(QUALIFIERS, "-1", MUST_NOT_BE_NEGATIVE),
        trade(QUALIFIERS, "2147483648", OUT_OF_RANGE),
        trade(QUALIFIERS, "", EMPTY));
  }

  static Stream<Arguments> badQuotes() {
    return Stream.of(
        whole("03/10/2014,10:00:00.000,1.11,1.12,100", fieldCount(6, 5)),
        quote(2, "-0.01", MUST_NOT_BE_NEGATIVE),
        quote(3, "x", NOT_A_NUMBER),
        quote(4, "-1", MUST_NOT_BE_NEGATIVE),
        quote(5, "2.5", NOT_A_WHOLE_NUMBER));
  }

  @ParameterizedTest
  @MethodSource("badTrades")
  void badTradeRowIsRefusedWithItsReason(String bad, String column, String value, String reason) {
    assertRefused(TRADES, String.join(",", GOOD_TRADE), bad, column, value, reason);
  }

  @ParameterizedTest
  @MethodSource("badQuotes")
  void badQuoteRowIsRefusedWithItsReason(String bad, String column, String value, String reason) {
    assertRefused(QUOTES, String.join(",", GOOD_QUOTE), bad, column, value, reason);
  }

  private static void assertRefused(
      MarketTable table, String good, String bad, String column, String value, String reason) {
    CollectingSink sink = Parsing.asx(table, good + "\r\n" + bad + "\r\n" + good + "\r\n");

    assertThat(sink.rows).hasSize(2);
    assertThat(sink.errors).containsExactly(new RowError(2, column, value, reason));
  }

  /** A row refused as a whole: no column, no value. */
  private static Arguments whole(String row, String reason) {
    return arguments(row, null, null, reason);
  }

  private static Arguments trade(int field, String value, String reason) {
    return replaced(GOOD_TRADE, TRADE_COLUMNS, field, value, value, reason);
  }

  private static Arguments quotedTrade(int field, String value, String reason) {
    return replaced(GOOD_TRADE, TRADE_COLUMNS, field, '"' + value + '"', value, reason);
  }

  private static Arguments quote(int field, String value, String reason) {
    return replaced(GOOD_QUOTE, QUOTE_COLUMNS, field, value, value, reason);
  }

  private static Arguments replaced(
      List<String> good, List<String> columns, int field, String raw, String value, String reason) {
    List<String> fields = new ArrayList<>(good);
    fields.set(field, raw);
    return arguments(String.join(",", fields), columns.get(field), value, reason);
  }
}
