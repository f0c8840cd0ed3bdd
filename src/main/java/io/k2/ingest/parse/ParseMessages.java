package io.k2.ingest.parse;

import io.k2.ingest.config.K2Config.DateWindow;
import java.util.List;

/**
 * Every reason a row is refused and every message a file is rejected with, in one place. They are
 * stable: rejection reports, alerts and tests match on them, so change one only on purpose.
 */
public final class ParseMessages {

  // Reasons for a bad row (RowError.reason).
  public static final String EMPTY = "empty";
  public static final String LEADING_OR_TRAILING_WHITESPACE = "leading or trailing whitespace";
  public static final String BLANK_ROW = "blank row: only whitespace and separators";
  public static final String ASX_HEADER_ROW = "looks like a header row; the ASX layout has none";
  public static final String NOT_A_NUMBER = "not a number";
  public static final String NOT_A_WHOLE_NUMBER = "not a whole number";
  public static final String EXPONENT_NOT_ACCEPTED = "exponent notation is not accepted";
  public static final String WHITESPACE_IN_NUMBER = "whitespace is not accepted in a number";
  public static final String TOO_MANY_DECIMAL_PLACES = "more than 6 decimal places";
  public static final String TOO_MANY_INTEGER_DIGITS = "more than 12 integer digits";
  public static final String OUT_OF_RANGE = "out of range";
  public static final String MUST_BE_POSITIVE = "must be greater than 0";
  public static final String MUST_NOT_BE_NEGATIVE = "must not be negative";
  public static final String INVALID_ASX_DATE = "not a valid date MM/DD/YYYY";
  public static final String INVALID_ASX_TIME = "not a valid time HH:MM:SS[.ffffff]";
  public static final String INVALID_LOCAL_DATE_TIME = "not a valid ISO-8601 local date-time";
  public static final String OFFSET_NOT_ACCEPTED =
      "a zone or offset is not accepted: exchange_timestamp is the exchange's local time";
  public static final String HOUR_OUT_OF_RANGE = "hour must be 00-23";
  public static final String MINUTE_OUT_OF_RANGE = "minute must be 00-59";
  public static final String SECOND_OUT_OF_RANGE = "second must be 00-59";
  public static final String TOO_MANY_FRACTION_DIGITS = "more than 6 fractional second digits";

  /** Format with the window's earliest and latest day. */
  public static final String OUTSIDE_DATE_WINDOW =
      "date outside the plausible range %s to %s (k2.parse.plausible-dates)";

  /** Format with the company id, the day, the reference data and its listings. */
  public static final String NOT_LISTED = "company %d is not listed on %s in %s (listings: %s)";

  /** Format with the company id, the day, the reference data and its line. */
  public static final String NO_SYMBOL = "company %d has no symbol on %s: %s line %d gives none";

  /** Format with the company id, the day, the reference data and the symbols with their lines. */
  public static final String SEVERAL_SYMBOLS =
      "company %d has more than one symbol on %s in %s: %s";

  /** Format with the expected and the actual number of fields. */
  public static final String FIELD_COUNT = "expected %d fields, found %d";

  // Messages of FileRejectedException.
  public static final String EMPTY_FILE = "empty file: no rows";
  public static final String HEADER_ONLY = "header only: no data rows";

  /** Format with the line number and the limit. */
  public static final String LINE_TOO_LONG =
      "line %d exceeds the maximum line length of %d characters";

  /** Format with the line number and the CSV library's description. */
  public static final String MALFORMED_CSV = "malformed CSV at line %d: %s";

  public static final String EMPTY_COLUMN_NAME =
      "empty column name in header at line %d, position %d";

  /** Prefixes the header's problems with the line it is on. */
  public static final String HEADER_AT = "header at line %d: ";

  public static final String FUNCTION_SET_COLUMNS =
      "columns set by the ingest function must not be in the file: %s";
  public static final String DUPLICATED_COLUMNS = "duplicated columns: %s";
  public static final String UNKNOWN_COLUMNS = "unknown columns: %s (known columns: %s)";
  public static final String MISSING_COLUMNS = "missing required columns: %s";

  /** Format with the number, the symbol, the day and the two lines. */
  public static final String REPEATED_SEQUENCE =
      "sequence_number %d repeats within %s on %s: lines %d and %d";

  /** Format with the number, its line, the symbol, the day, the earlier number and its line. */
  public static final String DECREASING_SEQUENCE =
      "sequence_number %d at line %d is lower than %d at line %d within %s on %s: a file's"
          + " sequence numbers must increase in file order within each symbol and trading day";

  private ParseMessages() {}

  public static String fieldCount(int expected, int found) {
    return FIELD_COUNT.formatted(expected, found);
  }

  public static String lineTooLong(long line, int limit) {
    return LINE_TOO_LONG.formatted(line, limit);
  }

  public static String outsideDateWindow(DateWindow window) {
    return OUTSIDE_DATE_WINDOW.formatted(window.earliest(), window.latest());
  }

  public static String malformedCsv(long line, String detail) {
    return MALFORMED_CSV.formatted(line, detail);
  }

  /** Renders column names as {@code [a, b]}, the form the header messages use. */
  static String names(List<String> names) {
    return "[" + String.join(", ", names) + "]";
  }
}
