package io.k2.ingest.parse;

import java.util.Arrays;

/**
 * The fields of the current row as ranges of one reusable character buffer. Numbers, dates and
 * times are parsed straight from these characters, so a valid row costs no String per field (speed:
 * this is the hot path). The instance is refilled for every row; read it before the next.
 */
final class RowFields {

  private char[] chars = new char[256];
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private int count;
  private int used;
  private long line;

  void begin(long startingLine) {
    line = startingLine;
    count = 0;
    used = 0;
  }

  void add(char[] buf, int offset, int length) {
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
    }
    if (used + length > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + length));
    }
    System.arraycopy(buf, offset, chars, used, length);
    starts[count] = used;
    used += length;
    ends[count] = used;
    count++;
  }

  /** The line the row starts on, 1-based (a quoted field may span lines). */
  long line() {
    return line;
  }

  int count() {
    return count;
  }

  char[] chars() {
    return chars;
  }

  int start(int field) {
    return starts[field];
  }

  int end(int field) {
    return ends[field];
  }

  int length(int field) {
    return ends[field] - starts[field];
  }

  boolean isEmpty(int field) {
    return starts[field] == ends[field];
  }

  /** Whether the field is empty or holds only whitespace. */
  boolean isBlank(int field) {
    for (int i = starts[field]; i < ends[field]; i++) {
      if (!Character.isWhitespace(chars[i])) {
        return false;
      }
    }
    return true;
  }

  /** Whether every field of the row is blank: a line of only whitespace and separators. */
  boolean isBlankRow() {
    for (int f = 0; f < count; f++) {
      if (!isBlank(f)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the field holds exactly {@code text}; lets callers reuse an equal String. */
  boolean contentEquals(int field, String text) {
    int length = length(field);
    if (text.length() != length) {
      return false;
    }
    int start = starts[field];
    for (int i = 0; i < length; i++) {
      if (chars[start + i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  String text(int field) {
    return new String(chars, starts[field], length(field));
  }
}
