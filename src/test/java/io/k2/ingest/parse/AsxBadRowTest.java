package io.k2.ingest.parse;

import static io.k2.ingest.domain.MarketTable.QUOTES;
import static io.k2.ingest.domain.MarketTable.TRADES;
import static io.k2.ingest.parse.ParseMessages.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.k2.ingest.domain.MarketTable;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way an ASX row can be refused, each between two good rows: the bad row gives exactly one
 * error with its line, column, text and reason, and the rows around it are still read.
 */
class AsxBadRowTest {

  private static final String GOOD_TRADE = "03/10/2014,10:00:00.000,1.11,100,0,,";
  private static final String GOOD_QUOTE = "03/10/2014,10:00:00.000,1.11,1.12,100,200";

  static Stream<Arguments> badTrades() {
    return Stream.of(
        row("03/10/2014,10:00:00.000,1.11,100,0", null, null, fieldCount(7, 5)),
        row("03/10/2014,10:00:00.000,1.11,100,0,,,", null, null, fieldCount(7, 8)),
        row(",,,,,,", null, null, BLANK_ROW),
        row("   ", null, null, BLANK_ROW),
        row(" , ,,  ,,,", null, null, BLANK_ROW),
        // dates
        row("13/10/2014,10:00:00.000,1.11,100,0,,", "exchange_timestamp", "13/10/2014", INVALID_ASX_DATE),
        row("02/30/2014,10:00:00.000,1.11,100,0,,", "exchange_timestamp", "02/30/2014", INVALID_ASX_DATE),
        row("02/29/2014,10:00:00.000,1.11,100,0,,", "exchange_timestamp", "02/29/2014", INVALID_ASX_DATE),
        row("3/10/2014,10:00:00.000,1.11,100,0,,", "exchange_timestamp", "3/10/2014", INVALID_ASX_DATE),
        row("2014-03-10,10:00:00.000,1.11,100,0,,", "exchange_timestamp", "2014-03-10", INVALID_ASX_DATE),
        row("00/10/2014,10:00:00.000,1.11,100,0,,", "exchange_timestamp", "00/10/2014", INVALID_ASX_DATE),
        row(",10:00:00.000,1.11,100,0,,", "exchange_timestamp", "", INVALID_ASX_DATE),
        // times
        row("03/10/2014,24:00:00.000,1.11,100,0,,", "exchange_timestamp", "24:00:00.000", HOUR_OUT_OF_RANGE),
        row("03/10/2014,13:61:00.000,1.11,100,0,,", "exchange_timestamp", "13:61:00.000", MINUTE_OUT_OF_RANGE),
        row("03/10/2014,13:00:60.000,1.11,100,0,,", "exchange_timestamp", "13:00:60.000", SECOND_OUT_OF_RANGE),
        row("03/10/2014,9:00:00.000,1.11,100,0,,", "exchange_timestamp", "9:00:00.000", INVALID_ASX_TIME),
        row("03/10/2014,10:00,1.11,100,0,,", "exchange_timestamp", "10:00", INVALID_ASX_TIME),
        row("03/10/2014,10:00:00.12a,1.11,100,0,,", "exchange_timestamp", "10:00:00.12a", INVALID_ASX_TIME),
        row("03/10/2014,10:00:00.1234567,1.11,100,0,,", "exchange_timestamp", "10:00:00.1234567", TOO_MANY_FRACTION_DIGITS),
        row("03/10/2014,,1.11,100,0,,", "exchange_timestamp", "", INVALID_ASX_TIME),
        // price
        row("03/10/2014,10:00:00.000,0,100,0,,", "price", "0", MUST_BE_POSITIVE),
        row("03/10/2014,10:00:00.000,-1.5,100,0,,", "price", "-1.5", MUST_BE_POSITIVE),
        row("03/10/2014,10:00:00.000,abc,100,0,,", "price", "abc", NOT_A_NUMBER),
        row("03/10/2014,10:00:00.000,1e5,100,0,,", "price", "1e5", EXPONENT_NOT_ACCEPTED),
        row("03/10/2014,10:00:00.000,1.5E-3,100,0,,", "price", "1.5E-3", EXPONENT_NOT_ACCEPTED),
        row("03/10/2014,10:00:00.000,1.1234567,100,0,,", "price", "1.1234567", TOO_MANY_DECIMAL_PLACES),
        row("03/10/2014,10:00:00.000,1234567890123,100,0,,", "price", "1234567890123", TOO_MANY_INTEGER_DIGITS),
        row("03/10/2014,10:00:00.000,\"1,5\",100,0,,", "price", "1,5", NOT_A_NUMBER),
        row("03/10/2014,10:00:00.000,\"1,000.5\",100,0,,", "price", "1,000.5", NOT_A_NUMBER),
        row("03/10/2014,10:00:00.000, 1.5,100,0,,", "price", " 1.5", WHITESPACE_IN_NUMBER),
        row("03/10/2014,10:00:00.000,1 000,100,0,,", "price", "1 000", WHITESPACE_IN_NUMBER),
        row("03/10/2014,10:00:00.000,.5,100,0,,", "price", ".5", NOT_A_NUMBER),
        row("03/10/2014,10:00:00.000,5.,100,0,,", "price", "5.", NOT_A_NUMBER),
        row("03/10/2014,10:00:00.000,,100,0,,", "price", "", EMPTY),
        row("03/10/2014,10:00:00.000,  ,100,0,,", "price", "  ", EMPTY),
        // volume
        row("03/10/2014,10:00:00.000,1.11,-100,0,,", "volume", "-100", MUST_NOT_BE_NEGATIVE),
        row("03/10/2014,10:00:00.000,1.11,100.5,0,,", "volume", "100.5", NOT_A_WHOLE_NUMBER),
        row("03/10/2014,10:00:00.000,1.11,1e3,0,,", "volume", "1e3", EXPONENT_NOT_ACCEPTED),
        row("03/10/2014,10:00:00.000,1.11,many,0,,", "volume", "many", NOT_A_NUMBER),
        row("03/10/2014,10:00:00.000,1.11,9223372036854775808,0,,", "volume", "9223372036854775808", OUT_OF_RANGE),
        row("03/10/2014,10:00:00.000,1.11,,0,,", "volume", "", EMPTY),
        // qualifiers
        row("03/10/2014,10:00:00.000,1.11,100,-1,,", "qualifiers", "-1", MUST_NOT_BE_NEGATIVE),
        row("03/10/2014,10:00:00.000,1.11,100,2147483648,,", "qualifiers", "2147483648", OUT_OF_RANGE),
        row("03/10/2014,10:00:00.000,1.11,100,,,", "qualifiers", "", EMPTY));
  }

  static Stream<Arguments> badQuotes() {
    return Stream.of(
        row("03/10/2014,10:00:00.000,1.11,1.12,100", null, null, fieldCount(6, 5)),
        row("03/10/2014,10:00:00.000,-0.01,1.12,100,200", "bid_price", "-0.01", MUST_NOT_BE_NEGATIVE),
        row("03/10/2014,10:00:00.000,1.11,x,100,200", "ask_price", "x", NOT_A_NUMBER),
        row("03/10/2014,10:00:00.000,1.11,1.12,-1,200", "bid_volume", "-1", MUST_NOT_BE_NEGATIVE),
        row("03/10/2014,10:00:00.000,1.11,1.12,100,2.5", "ask_volume", "2.5", NOT_A_WHOLE_NUMBER));
  }

  @ParameterizedTest
  @MethodSource("badTrades")
  void badTradeRowIsRefusedWithItsReason(String bad, String column, String value, String reason) {
    assertRefused(TRADES, GOOD_TRADE, bad, column, value, reason);
  }

  @ParameterizedTest
  @MethodSource("badQuotes")
  void badQuoteRowIsRefusedWithItsReason(String bad, String column, String value, String reason) {
    assertRefused(QUOTES, GOOD_QUOTE, bad, column, value, reason);
  }

  private static void assertRefused(
      MarketTable table, String good, String bad, String column, String value, String reason) {
    CollectingSink sink = Parsing.asx(table, good + "\r\n" + bad + "\r\n" + good + "\r\n");

    assertThat(sink.rows).hasSize(2);
    assertThat(sink.errors).containsExactly(new RowError(2, column, value, reason));
  }

  private static Arguments row(String text, String column, String value, String reason) {
    return arguments(text, column, value, reason);
  }
}
