package io.k2.ingest.parse;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks the sequence numbers a file gives itself: within each (symbol, trading day) they must
 * increase in file order, which makes them unique. A repeat or a step back rejects the file, naming
 * both lines.
 *
 * <p>Why increase, not just differ: the check then keeps one number per (symbol, day), whatever the
 * file's size, where a check for uniqueness in any order would keep every number of the file (a
 * month of trades is tens of millions), far beyond the rows the writer holds at once.
 */
final class SequenceOrder {

  private record Key(String symbol, LocalDate day) {}

  private final Map<Key, long[]> last = new HashMap<>();
  private String lastSymbol;
  private LocalDate lastDay;
  private long[] lastEntry; // {number, line}

  /**
   * Records the number of an accepted row.
   *
   * @throws FileRejectedException when it repeats or is lower than an earlier one of its key
   */
  void check(String symbol, LocalDate day, long number, long line) {
    // speed: a file is mostly runs of one symbol and day, so the map is consulted on change only
    if (lastEntry == null || !day.equals(lastDay) || !symbol.equals(lastSymbol)) {
      lastEntry = last.computeIfAbsent(new Key(symbol, day), key -> new long[] {Long.MIN_VALUE, 0});
      lastSymbol = symbol;
      lastDay = day;
    }
    long before = lastEntry[0];
    long beforeLine = lastEntry[1];
    if (number > before) {
      lastEntry[0] = number;
      lastEntry[1] = line;
      return;
    }
    throw new FileRejectedException(
        number == before
            ? ParseMessages.REPEATED_SEQUENCE.formatted(number, symbol, day, beforeLine, line)
            : ParseMessages.DECREASING_SEQUENCE.formatted(
                number, line, before, beforeLine, symbol, day));
  }
}
