package io.k2.ingest.parse;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks the sequence numbers a file gives itself: within each (symbol, trading day) they must
 * increase in file order, which makes them unique. A repeat or a step back rejects the file,
 * naming both lines.
 *
 * <p>Why increase, not just differ: the check then keeps one number per (symbol, day), whatever the
 * file's size, where a check for uniqueness in any order would keep every number of the file (a
 * month of trades is tens of millions), far beyond the rows the writer holds at once.
 */
final class SequenceOrder {

  private record Key(String symbol, LocalDate day) {}

  private record Last(long number, long line) {}

  private final Map<Key, Last> last = new HashMap<>();

  /**
   * Records the number of an accepted row.
   *
   * @throws FileRejectedException when it repeats or is lower than an earlier one of its key
   */
  void check(String symbol, LocalDate day, long number, long line) {
    Key key = new Key(symbol, day);
    Last before = last.put(key, new Last(number, line));
    if (before == null || number > before.number()) {
      return;
    }
    throw new FileRejectedException(
        number == before.number()
            ? ParseMessages.REPEATED_SEQUENCE.formatted(number, symbol, day, before.line(), line)
            : ParseMessages.DECREASING_SEQUENCE.formatted(
                number, line, before.number(), before.line(), symbol, day));
  }
}
