package io.k2.ingest.parse;

import static io.k2.ingest.parse.ParseMessages.HOUR_OUT_OF_RANGE;
import static io.k2.ingest.parse.ParseMessages.INVALID_ASX_DATE;
import static io.k2.ingest.parse.ParseMessages.INVALID_ASX_TIME;
import static io.k2.ingest.parse.ParseMessages.INVALID_LOCAL_DATE_TIME;
import static io.k2.ingest.parse.ParseMessages.MINUTE_OUT_OF_RANGE;
import static io.k2.ingest.parse.ParseMessages.OFFSET_NOT_ACCEPTED;
import static io.k2.ingest.parse.ParseMessages.SECOND_OUT_OF_RANGE;
import static io.k2.ingest.parse.ParseMessages.TOO_MANY_FRACTION_DIGITS;

import io.k2.ingest.config.K2Config.DateWindow;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.util.Arrays;

/**
 * Parses the exchange's local dates and times from a range of characters, by hand (speed:
 * java.time's formatters cost far more than the rest of a row). Consecutive rows nearly always
 * share a date, so the last date is kept and reused when the characters match.
 *
 * <p>Each method returns null on success, leaving the result in {@link #micros()} and {@link
 * #date()}, or the reason.
 */
final class DateTimeParser {

  private static final int DATE_LENGTH = 10;
  private static final int TIME_LENGTH = 8; // HH:MM:SS, before an optional fraction
  private static final int MAX_FRACTION_DIGITS = 6;
  private static final int[] MICROS_PER_DIGIT = {1, 100_000, 10_000, 1_000, 100, 10, 1};
  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long MICROS_PER_DAY = 86_400 * MICROS_PER_SECOND;

  private final DateWindow window;
  private final String outsideWindow;
  private final char[] cachedDateText = new char[DATE_LENGTH];
  private LocalDate cachedDate;
  private long cachedDayMicros;
  private LocalDate date;
  private long dayMicros;
  private long micros;

  DateTimeParser(DateWindow window) {
    this.window = window;
    this.outsideWindow = ParseMessages.outsideDateWindow(window);
  }

  /** The last date-time parsed, in microseconds since 1970-01-01T00:00 on the same clock. */
  long micros() {
    return micros;
  }

  /** The date of the last date-time parsed. */
  LocalDate date() {
    return date;
  }

  /** The ASX date, {@code MM/DD/YYYY}. */
  String asxDate(char[] c, int start, int end) {
    if (end - start != DATE_LENGTH || c[start + 2] != '/' || c[start + 5] != '/') {
      return INVALID_ASX_DATE;
    }
    return cachedOrParsed(c, start, start + 6, start, start + 3, INVALID_ASX_DATE);
  }

  /** The ASX time, {@code HH:MM:SS.mmm}, on the date last parsed by {@link #asxDate}. */
  String asxTime(char[] c, int start, int end) {
    return time(c, start, end, INVALID_ASX_TIME);
  }

  /**
   * An ISO-8601 local date-time: {@code YYYY-MM-DDTHH:MM:SS[.ffffff]}, with {@code T} or a space.
   */
  String isoLocalDateTime(char[] c, int start, int end) {
    int timeStart = start + DATE_LENGTH + 1;
    if (end - start < DATE_LENGTH + 1 + TIME_LENGTH
        || c[start + 4] != '-'
        || c[start + 7] != '-'
        || (c[timeStart - 1] != 'T' && c[timeStart - 1] != ' ')) {
      return INVALID_LOCAL_DATE_TIME;
    }
    String badDate = cachedOrParsed(c, start, start, start + 5, start + 8, INVALID_LOCAL_DATE_TIME);
    if (badDate != null) {
      return badDate;
    }
    int timeEnd = timeStart + TIME_LENGTH;
    if (timeEnd < end && c[timeEnd] == '.') {
      do {
        timeEnd++;
      } while (timeEnd < end && isDigit(c[timeEnd]));
    }
    if (timeEnd < end) {
      char next = c[timeEnd];
      boolean zone = next == 'Z' || next == 'z' || next == '+' || next == '-' || next == '[';
      return zone ? OFFSET_NOT_ACCEPTED : INVALID_LOCAL_DATE_TIME;
    }
    return time(c, timeStart, end, INVALID_LOCAL_DATE_TIME);
  }

  /**
   * {@code HH:MM:SS} with an optional fraction of at least one digit and at most 6 significant
   * ones: trailing zeros are exact ({@code .123000000} is {@code .123}); a bare dot is refused.
   */
  private String time(char[] c, int start, int end, String badFormat) {
    if (end - start < TIME_LENGTH
        || c[start + 2] != ':'
        || c[start + 5] != ':'
        || !digits(c, start, 2)
        || !digits(c, start + 3, 2)
        || !digits(c, start + 6, 2)) {
      return badFormat;
    }
    int fractionStart = start + TIME_LENGTH + 1;
    if (end > start + TIME_LENGTH
        && (c[start + TIME_LENGTH] != '.'
            || end == fractionStart
            || !digits(c, fractionStart, end - fractionStart))) {
      return badFormat;
    }
    int hour = twoDigits(c, start);
    int minute = twoDigits(c, start + 3);
    int second = twoDigits(c, start + 6);
    if (hour > 23) {
      return HOUR_OUT_OF_RANGE;
    }
    if (minute > 59) {
      return MINUTE_OUT_OF_RANGE;
    }
    if (second > 59) {
      return SECOND_OUT_OF_RANGE;
    }
    int fractionEnd = end;
    while (fractionEnd > fractionStart && c[fractionEnd - 1] == '0') {
      fractionEnd--; // trailing zeros carry no precision
    }
    int fractionDigits = Math.max(0, fractionEnd - fractionStart);
    if (fractionDigits > MAX_FRACTION_DIGITS) {
      return TOO_MANY_FRACTION_DIGITS;
    }
    long fraction = 0;
    for (int i = fractionStart; i < fractionEnd; i++) {
      fraction = fraction * 10 + (c[i] - '0');
    }
    fraction *= MICROS_PER_DIGIT[fractionDigits];
    micros = dayMicros + (hour * 3600L + minute * 60L + second) * MICROS_PER_SECOND + fraction;
    return null;
  }

  /**
   * Sets {@link #date} from 4 year, 2 month and 2 day digits at the given positions, reusing the
   * previous row's date when the 10 characters are the same. Returns null, or why it is refused:
   * {@code badFormat} if it is no date, or the window's reason if it lies outside the window.
   */
  private String cachedOrParsed(
      char[] c, int start, int year, int month, int day, String badFormat) {
    if (cachedDate != null
        && Arrays.equals(c, start, start + DATE_LENGTH, cachedDateText, 0, DATE_LENGTH)) {
      date = cachedDate;
      dayMicros = cachedDayMicros;
      return null;
    }
    if (!digits(c, year, 4) || !digits(c, month, 2) || !digits(c, day, 2)) {
      return badFormat;
    }
    int y = twoDigits(c, year) * 100 + twoDigits(c, year + 2);
    int m = twoDigits(c, month);
    int d = twoDigits(c, day);
    if (m < 1 || m > 12 || d < 1 || d > Month.of(m).length(Year.isLeap(y))) {
      return badFormat;
    }
    LocalDate parsed = LocalDate.of(y, m, d);
    if (!window.contains(parsed)) {
      return outsideWindow;
    }
    date = parsed;
    dayMicros = parsed.toEpochDay() * MICROS_PER_DAY;
    cachedDate = date;
    cachedDayMicros = dayMicros;
    System.arraycopy(c, start, cachedDateText, 0, DATE_LENGTH);
    return null;
  }

  private static boolean digits(char[] c, int start, int count) {
    for (int i = start; i < start + count; i++) {
      if (!isDigit(c[i])) {
        return false;
      }
    }
    return true;
  }

  private static int twoDigits(char[] c, int start) {
    return (c[start] - '0') * 10 + (c[start + 1] - '0');
  }

  private static boolean isDigit(char ch) {
    return ch >= '0' && ch <= '9';
  }
}
