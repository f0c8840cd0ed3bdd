package io.k2.ingest.parse;

import static io.k2.ingest.domain.MarketTable.TRADES;
import static io.k2.ingest.parse.ParseMessages.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reasons only the CSV layout has: key text, ids, ISO timestamps and given sequence numbers.
 * Each case is a good row with one field replaced, between two good rows.
 */
class CsvBadRowTest {

  private static final List<String> COLUMNS =
      List.of(
          "symbol",
          "company_id",
          "exchange",
          "exchange_timestamp",
          "price",
          "volume",
          "qualifiers",
          "sequence_number");
  private static final List<String> GOOD =
      List.of("BHP", "7078", "ASX", "2014-03-10T10:00:01", "1.5", "100", "0", "1");
  private static final int SYMBOL = 0;
  private static final int COMPANY_ID = 1;
  private static final int EXCHANGE = 2;
  private static final int TIMESTAMP = 3;
  private static final int SEQUENCE = 7;
  private static final String OUTSIDE_DEFAULT_WINDOW =
      "date outside the plausible range 1980-01-01 to 2100-01-01 (k2.parse.plausible-dates)";

  static Stream<Arguments> badRows() {
    return Stream.of(
        arguments("BHP,7078,ASX,2014-03-10T10:00:01,1.5,100,0", null, null, fieldCount(8, 7)),
        arguments(",,,,,,,", null, null, BLANK_ROW),
        bad(SYMBOL, "", EMPTY),
        bad(SYMBOL, "  ", EMPTY),
        bad(SYMBOL, " BHP", LEADING_OR_TRAILING_WHITESPACE),
        bad(EXCHANGE, "ASX ", LEADING_OR_TRAILING_WHITESPACE),
        bad(COMPANY_ID, "0", MUST_BE_POSITIVE),
        bad(COMPANY_ID, "x7", NOT_A_NUMBER),
        bad(COMPANY_ID, "", EMPTY),
        bad(TIMESTAMP, "2014-03-10T10:00:01+10:00", OFFSET_NOT_ACCEPTED),
        bad(TIMESTAMP, "2014-03-10T10:00:01.5Z", OFFSET_NOT_ACCEPTED),
        bad(TIMESTAMP, "2014-03-10T10:00:01-05:00", OFFSET_NOT_ACCEPTED),
        bad(TIMESTAMP, "2014-03-10T10:00:01[Australia/Sydney]", OFFSET_NOT_ACCEPTED),
        bad(TIMESTAMP, "2014-03-10T10:00", INVALID_LOCAL_DATE_TIME),
        bad(TIMESTAMP, "2014-03-10", INVALID_LOCAL_DATE_TIME),
        bad(TIMESTAMP, "2014-02-30T10:00:01", INVALID_LOCAL_DATE_TIME),
        bad(TIMESTAMP, "03/10/2014 10:00:01", INVALID_LOCAL_DATE_TIME),
        bad(TIMESTAMP, "2014-03-10X10:00:01", INVALID_LOCAL_DATE_TIME),
        bad(TIMESTAMP, "2014-03-10T10:00:01 ", INVALID_LOCAL_DATE_TIME),
        bad(TIMESTAMP, "2014-03-10T24:00:00", HOUR_OUT_OF_RANGE),
        bad(TIMESTAMP, "2014-03-10T13:61:00", MINUTE_OUT_OF_RANGE),
        bad(TIMESTAMP, "2014-03-10T10:00:01.1234567", TOO_MANY_FRACTION_DIGITS),
        bad(TIMESTAMP, "", INVALID_LOCAL_DATE_TIME),
        bad(SEQUENCE, "-1", MUST_NOT_BE_NEGATIVE),
        bad(SEQUENCE, "1.0", NOT_A_WHOLE_NUMBER),
        bad(SEQUENCE, "", EMPTY),
        bad(SEQUENCE, "  ", EMPTY),
        bad(TIMESTAMP, "2014-03-10T10:00:01.", INVALID_LOCAL_DATE_TIME),
        bad(TIMESTAMP, "0001-01-01T10:00:01", OUTSIDE_DEFAULT_WINDOW),
        bad(TIMESTAMP, "1979-12-31T23:59:59", OUTSIDE_DEFAULT_WINDOW),
        bad(TIMESTAMP, "2100-01-02T00:00:00", OUTSIDE_DEFAULT_WINDOW));
  }

  @ParameterizedTest
  @MethodSource("badRows")
  void badRowIsRefusedWithItsReason(String bad, String column, String value, String reason) {
    String good = String.join(",", GOOD);
    // The file gives sequence numbers: the row after the bad one must take a higher one.
    String later = good.substring(0, good.lastIndexOf(',')) + ",3";
    String header = String.join(",", COLUMNS);

    CollectingSink sink =
        Parsing.csv(TRADES, header + "\n" + good + "\n" + bad + "\n" + later + "\n");

    assertThat(sink.rows).hasSize(2);
    assertThat(sink.errors).containsExactly(new RowError(3, column, value, reason));
  }

  private static Arguments bad(int field, String value, String reason) {
    List<String> fields = new ArrayList<>(GOOD);
    fields.set(field, value);
    return arguments(String.join(",", fields), COLUMNS.get(field), value, reason);
  }
}
