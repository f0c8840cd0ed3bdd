package io.k2.ingest.parse;

import static io.k2.ingest.parse.ParseMessages.BLANK_ROW;
import static io.k2.ingest.parse.ParseMessages.EMPTY;
import static io.k2.ingest.parse.ParseMessages.LEADING_OR_TRAILING_WHITESPACE;
import static io.k2.ingest.parse.ParseMessages.MUST_BE_POSITIVE;
import static io.k2.ingest.parse.ParseMessages.MUST_NOT_BE_NEGATIVE;

import io.k2.ingest.config.K2Config.DateWindow;
import io.k2.ingest.domain.Columns;
import io.k2.ingest.domain.MarketRow;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Reads typed values from the current row's fields. The first bad value is reported to the sink
 * with its line, column, text and reason; from then on the row counts as failed and further reads
 * return null at once, so every bad row gives exactly one {@link RowError}.
 */
final class FieldReader {

  private final NumberParser numbers = new NumberParser();
  private final DateTimeParser dates;
  private final RowSink sink;
  private RowFields fields;
  private boolean failed;
  private String[] lastText = new String[16];
  private long parsedValue;

  FieldReader(RowSink sink, DateWindow plausibleDates) {
    this.sink = sink;
    this.dates = new DateTimeParser(plausibleDates);
  }

  /**
   * Starts reading a row and checks its shape: a row of only whitespace and separators, or one with
   * the wrong number of fields, is refused as a whole. Returns whether the row may be read.
   */
  boolean startRow(RowFields row, int expectedFields) {
    fields = row;
    failed = false;
    if (row.isBlank(0) && row.isBlankRow()) {
      rejectRow(BLANK_ROW);
    } else if (row.count() != expectedFields) {
      rejectRow(ParseMessages.fieldCount(expectedFields, row.count()));
    } else if (row.count() > lastText.length) {
      lastText = Arrays.copyOf(lastText, row.count());
    }
    return !failed;
  }

  /** Whether a value of the current row was refused (and reported). */
  boolean failed() {
    return failed;
  }

  /** The line the current row starts on. */
  long line() {
    return fields.line();
  }

  /** The current row's field as written. */
  String fieldText(int field) {
    return fields.text(field);
  }

  /**
   * Refuses the current row for a value that is well-formed but does not fit: a day on which the
   * company has no symbol, say.
   */
  void refuse(String column, String value, String reason) {
    failed = true;
    sink.reject(new RowError(fields.line(), column, value, reason));
  }

  /** Refuses the current row as a whole. */
  private void rejectRow(String reason) {
    failed = true;
    sink.reject(new RowError(fields.line(), null, null, reason));
  }

  /**
   * Reads a field as the binding's kind says into {@code row} at the binding's position: null if it
   * is empty and may be. Returns false, having reported it, if the value is refused.
   */
  boolean read(ColumnBinding binding, MarketRow row) {
    if (failed) {
      return false;
    }
    int field = binding.field();
    String column = binding.column();
    int pos = binding.position();
    return switch (binding.kind()) {
      case KEY_TEXT -> text(row, pos, keyText(field, column));
      case OPTIONAL_TEXT -> text(row, pos, fields.isEmpty(field) ? null : text(field));
      case ID -> number(row, pos, whole(field, column, true, true));
      case COUNT -> number(row, pos, whole(field, column, true, false));
      case QUANTITY, SEQUENCE -> number(row, pos, whole(field, column, false, false));
      case PRICE -> number(row, pos, decimal(field, column, true));
      case BOOK_PRICE -> number(row, pos, decimal(field, column, false));
      case LOCAL_TIMESTAMP -> number(row, pos, timestamp(field, column));
    };
  }

  /**
   * Reads the ASX date and time fields as one local date-time, then found in {@link
   * #timestampMicros()} and {@link #timestampDate()}. Returns false, having reported it, if
   * refused.
   */
  boolean asxTimestamp(int dateField, int timeField) {
    String column = Columns.EXCHANGE_TIMESTAMP;
    return !failed
        && check(dates.asxDate(chars(), start(dateField), end(dateField)), dateField, column)
        && check(dates.asxTime(chars(), start(timeField), end(timeField)), timeField, column);
  }

  /** The last timestamp read, in microseconds since 1970-01-01T00:00 on the exchange's clock. */
  long timestampMicros() {
    return dates.micros();
  }

  /** The trading day of the last timestamp read. */
  LocalDate timestampDate() {
    return dates.date();
  }

  private boolean text(MarketRow row, int pos, String value) {
    if (failed) {
      return false;
    }
    row.setText(pos, value);
    return true;
  }

  /** Sets the last value parsed, if the field was accepted: {@code accepted} says so. */
  private boolean number(MarketRow row, int pos, boolean accepted) {
    if (accepted) {
      row.setNumber(pos, parsedValue);
    }
    return accepted;
  }

  private String keyText(int field, String column) {
    if (fields.isBlank(field)) {
      return fail(field, column, EMPTY);
    }
    char[] c = chars();
    if (Character.isWhitespace(c[start(field)]) || Character.isWhitespace(c[end(field) - 1])) {
      return fail(field, column, LEADING_OR_TRAILING_WHITESPACE);
    }
    return text(field);
  }

  /** The field as a String, reusing the previous row's String when the text is the same. */
  private String text(int field) {
    String last = lastText[field];
    if (last != null && fields.contentEquals(field, last)) {
      return last; // speed: symbols, exchanges and venues repeat row after row
    }
    return lastText[field] = fields.text(field);
  }

  private boolean whole(int field, String column, boolean isInt, boolean positive) {
    String reason =
        isInt
            ? numbers.intNumber(chars(), start(field), end(field))
            : numbers.wholeNumber(chars(), start(field), end(field));
    return accepted(reason, field, column, positive);
  }

  /** A decimal at {@link NumberParser#SCALE}, as its unscaled value. */
  private boolean decimal(int field, String column, boolean positive) {
    return accepted(numbers.decimal(chars(), start(field), end(field)), field, column, positive);
  }

  private boolean accepted(String reason, int field, String column, boolean positive) {
    if (!check(reason, field, column) || !checkSign(numbers.value(), positive, field, column)) {
      return false;
    }
    parsedValue = numbers.value();
    return true;
  }

  private boolean timestamp(int field, String column) {
    if (!check(dates.isoLocalDateTime(chars(), start(field), end(field)), field, column)) {
      return false;
    }
    parsedValue = dates.micros();
    return true;
  }

  private boolean checkSign(long value, boolean positive, int field, String column) {
    if (positive && value <= 0) {
      return check(MUST_BE_POSITIVE, field, column);
    }
    return value >= 0 || check(MUST_NOT_BE_NEGATIVE, field, column);
  }

  /** True if there is no reason to refuse the value; otherwise reports it and returns false. */
  private boolean check(String reason, int field, String column) {
    if (reason == null) {
      return true;
    }
    fail(field, column, reason);
    return false;
  }

  private String fail(int field, String column, String reason) {
    failed = true;
    sink.reject(new RowError(fields.line(), column, fields.text(field), reason));
    return null;
  }

  private char[] chars() {
    return fields.chars();
  }

  private int start(int field) {
    return fields.start(field);
  }

  private int end(int field) {
    return fields.end(field);
  }
}
