package io.k2.ingest.parse;

import static io.k2.ingest.parse.ParseMessages.EMPTY;
import static io.k2.ingest.parse.ParseMessages.EXPONENT_NOT_ACCEPTED;
import static io.k2.ingest.parse.ParseMessages.NOT_A_NUMBER;
import static io.k2.ingest.parse.ParseMessages.NOT_A_WHOLE_NUMBER;
import static io.k2.ingest.parse.ParseMessages.OUT_OF_RANGE;
import static io.k2.ingest.parse.ParseMessages.TOO_MANY_DECIMAL_PLACES;
import static io.k2.ingest.parse.ParseMessages.TOO_MANY_INTEGER_DIGITS;
import static io.k2.ingest.parse.ParseMessages.WHITESPACE_IN_NUMBER;

/**
 * Parses numbers from a range of characters, by hand and exactly: decimals never pass through a
 * double, and a bad value costs no exception (speed: this runs several times per row). Accepted
 * text is {@code [+-]?digits} for whole numbers and {@code [+-]?digits[.digits]} for decimals, so
 * {@code .5}, {@code 5.}, exponents, thousands separators and whitespace are refused.
 *
 * <p>Each method returns null on success, leaving the result in {@link #value()}, or the reason.
 */
final class NumberParser {

  /** Decimals are held as unscaled longs with this scale: decimal(18, 6). */
  static final int SCALE = 6;

  private static final int MAX_INTEGER_DIGITS = 12;
  private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

  private long value;

  /** The last successful result: the number, or for a decimal its unscaled value at scale 6. */
  long value() {
    return value;
  }

  /** A decimal with at most 12 integer digits and 6 decimal places (trailing zeros excepted). */
  String decimal(char[] c, int start, int end) {
    int i = skipSign(c, start, end);
    int intStart = i;
    i = skipDigits(c, i, end);
    int intEnd = i;
    int fracStart = i;
    if (i < end && c[i] == '.') {
      fracStart = ++i;
      i = skipDigits(c, i, end);
      if (i == fracStart) {
        return unparsable(c, start, end);
      }
    }
    if (i != end || intEnd == intStart) {
      return unparsable(c, start, end);
    }
    int significantStart = skipZeros(c, intStart, intEnd);
    if (intEnd - significantStart > MAX_INTEGER_DIGITS) {
      return TOO_MANY_INTEGER_DIGITS;
    }
    int fracEnd = i;
    while (fracEnd > fracStart && c[fracEnd - 1] == '0') {
      fracEnd--; // trailing zeros carry no precision: 1.2500000 is 1.25
    }
    int places = fracEnd - fracStart;
    if (places > SCALE) {
      return TOO_MANY_DECIMAL_PLACES;
    }
    // At most 12 + 6 digits: the unscaled value fits in a long, so no overflow check is needed.
    long unscaled = accumulate(accumulate(0, c, significantStart, intEnd), c, fracStart, fracEnd);
    unscaled *= POWERS_OF_TEN[SCALE - places];
    value = c[start] == '-' ? -unscaled : unscaled;
    return null;
  }

  /** A whole number in the range of a long. */
  String wholeNumber(char[] c, int start, int end) {
    int digitsStart = skipSign(c, start, end);
    int i = skipDigits(c, digitsStart, end);
    if (i != end || i == digitsStart) {
      boolean decimalShape =
          i > digitsStart && c[i] == '.' && i + 1 < end && skipDigits(c, i + 1, end) == end;
      return decimalShape ? NOT_A_WHOLE_NUMBER : unparsable(c, start, end);
    }
    long magnitude = 0;
    for (int d = skipZeros(c, digitsStart, end); d < end; d++) {
      int digit = c[d] - '0';
      if (magnitude > (Long.MAX_VALUE - digit) / 10) {
        return OUT_OF_RANGE;
      }
      magnitude = magnitude * 10 + digit;
    }
    value = c[start] == '-' ? -magnitude : magnitude;
    return null;
  }

  /** A whole number in the range of an int. */
  String intNumber(char[] c, int start, int end) {
    String reason = wholeNumber(c, start, end);
    if (reason == null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
      return OUT_OF_RANGE;
    }
    return reason;
  }

  /** Says why text that is not a plain number was refused, as precisely as it can. */
  private static String unparsable(char[] c, int start, int end) {
    if (isBlank(c, start, end)) {
      return EMPTY;
    }
    boolean whitespace = false;
    boolean numberChars = true;
    boolean exponent = false;
    for (int i = start; i < end; i++) {
      char ch = c[i];
      if (Character.isWhitespace(ch)) {
        whitespace = true;
      } else if ((ch == 'e' || ch == 'E') && i > start && (isDigit(c[i - 1]) || c[i - 1] == '.')) {
        exponent = true;
      } else if (!isDigit(ch) && ch != '.' && ch != '+' && ch != '-') {
        numberChars = false;
      }
    }
    if (!numberChars) {
      return NOT_A_NUMBER;
    }
    return exponent ? EXPONENT_NOT_ACCEPTED : whitespace ? WHITESPACE_IN_NUMBER : NOT_A_NUMBER;
  }

  private static boolean isBlank(char[] c, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!Character.isWhitespace(c[i])) {
        return false;
      }
    }
    return true;
  }

  private static int skipSign(char[] c, int i, int end) {
    return i < end && (c[i] == '+' || c[i] == '-') ? i + 1 : i;
  }

  private static int skipDigits(char[] c, int i, int end) {
    while (i < end && isDigit(c[i])) {
      i++;
    }
    return i;
  }

  private static int skipZeros(char[] c, int i, int end) {
    while (i < end && c[i] == '0') {
      i++;
    }
    return i;
  }

  private static long accumulate(long value, char[] c, int start, int end) {
    for (int i = start; i < end; i++) {
      value = value * 10 + (c[i] - '0');
    }
    return value;
  }

  private static boolean isDigit(char ch) {
    return ch >= '0' && ch <= '9';
  }
}
