package io.k2.ingest.parse;

import static io.k2.ingest.domain.MarketTable.TRADES;
import static io.k2.ingest.parse.ParseMessages.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The reasons only the CSV layout has: key text, ids, ISO timestamps and given sequence numbers. */
class CsvBadRowTest {

  private static final String HEADER =
      "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,sequence_number";
  private static final String GOOD = "BHP,7078,ASX,2014-03-10T10:00:01,1.5,100,0,1";

  static Stream<Arguments> badRows() {
    return Stream.of(
        row("BHP,7078,ASX,2014-03-10T10:00:01,1.5,100,0", null, null, fieldCount(8, 7)),
        row(",,,,,,,", null, null, BLANK_ROW),
        row(",7078,ASX,2014-03-10T10:00:01,1.5,100,0,1", "symbol", "", EMPTY),
        row("  ,7078,ASX,2014-03-10T10:00:01,1.5,100,0,1", "symbol", "  ", EMPTY),
        row(" BHP,7078,ASX,2014-03-10T10:00:01,1.5,100,0,1", "symbol", " BHP", LEADING_OR_TRAILING_WHITESPACE),
        row("BHP,7078,ASX ,2014-03-10T10:00:01,1.5,100,0,1", "exchange", "ASX ", LEADING_OR_TRAILING_WHITESPACE),
        row("BHP,0,ASX,2014-03-10T10:00:01,1.5,100,0,1", "company_id", "0", MUST_BE_POSITIVE),
        row("BHP,x7,ASX,2014-03-10T10:00:01,1.5,100,0,1", "company_id", "x7", NOT_A_NUMBER),
        row("BHP,,ASX,2014-03-10T10:00:01,1.5,100,0,1", "company_id", "", EMPTY),
        row("BHP,7078,ASX,2014-03-10T10:00:01+10:00,1.5,100,0,1", "exchange_timestamp", "2014-03-10T10:00:01+10:00", OFFSET_NOT_ACCEPTED),
        row("BHP,7078,ASX,2014-03-10T10:00:01.5Z,1.5,100,0,1", "exchange_timestamp", "2014-03-10T10:00:01.5Z", OFFSET_NOT_ACCEPTED),
        row("BHP,7078,ASX,2014-03-10T10:00:01-05:00,1.5,100,0,1", "exchange_timestamp", "2014-03-10T10:00:01-05:00", OFFSET_NOT_ACCEPTED),
        row("BHP,7078,ASX,2014-03-10T10:00:01[Australia/Sydney],1.5,100,0,1", "exchange_timestamp", "2014-03-10T10:00:01[Australia/Sydney]", OFFSET_NOT_ACCEPTED),
        row("BHP,7078,ASX,2014-03-10T10:00,1.5,100,0,1", "exchange_timestamp", "2014-03-10T10:00", INVALID_LOCAL_DATE_TIME),
        row("BHP,7078,ASX,2014-03-10,1.5,100,0,1", "exchange_timestamp", "2014-03-10", INVALID_LOCAL_DATE_TIME),
        row("BHP,7078,ASX,2014-02-30T10:00:01,1.5,100,0,1", "exchange_timestamp", "2014-02-30T10:00:01", INVALID_LOCAL_DATE_TIME),
        row("BHP,7078,ASX,03/10/2014 10:00:01,1.5,100,0,1", "exchange_timestamp", "03/10/2014 10:00:01", INVALID_LOCAL_DATE_TIME),
        row("BHP,7078,ASX,2014-03-10X10:00:01,1.5,100,0,1", "exchange_timestamp", "2014-03-10X10:00:01", INVALID_LOCAL_DATE_TIME),
        row("BHP,7078,ASX,2014-03-10T10:00:01 ,1.5,100,0,1", "exchange_timestamp", "2014-03-10T10:00:01 ", INVALID_LOCAL_DATE_TIME),
        row("BHP,7078,ASX,2014-03-10T24:00:00,1.5,100,0,1", "exchange_timestamp", "2014-03-10T24:00:00", HOUR_OUT_OF_RANGE),
        row("BHP,7078,ASX,2014-03-10T13:61:00,1.5,100,0,1", "exchange_timestamp", "2014-03-10T13:61:00", MINUTE_OUT_OF_RANGE),
        row("BHP,7078,ASX,2014-03-10T10:00:01.1234567,1.5,100,0,1", "exchange_timestamp", "2014-03-10T10:00:01.1234567", TOO_MANY_FRACTION_DIGITS),
        row("BHP,7078,ASX,,1.5,100,0,1", "exchange_timestamp", "", INVALID_LOCAL_DATE_TIME),
        row("BHP,7078,ASX,2014-03-10T10:00:01,1.5,100,0,-1", "sequence_number", "-1", MUST_NOT_BE_NEGATIVE),
        row("BHP,7078,ASX,2014-03-10T10:00:01,1.5,100,0,1.0", "sequence_number", "1.0", NOT_A_WHOLE_NUMBER));
  }

  @ParameterizedTest
  @MethodSource("badRows")
  void badRowIsRefusedWithItsReason(String bad, String column, String value, String reason) {
    CollectingSink sink = Parsing.csv(TRADES, HEADER + "\n" + GOOD + "\n" + bad + "\n" + GOOD + "\n");

    assertThat(sink.rows).hasSize(2);
    assertThat(sink.errors).containsExactly(new RowError(3, column, value, reason));
  }

  private static Arguments row(String text, String column, String value, String reason) {
    return arguments(text, column, value, reason);
  }
}
