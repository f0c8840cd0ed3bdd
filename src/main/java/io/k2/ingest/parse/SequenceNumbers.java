package io.k2.ingest.parse;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Numbers the accepted rows of one file within each (symbol, trading day), from 1, in file order.
 * Rows that share a timestamp keep the order the exchange reported them in, which the table's sort
 * order (exchange_timestamp, sequence_number) then preserves.
 *
 * <p>The numbering is per file: two files holding the same symbol and day both start at 1.
 */
final class SequenceNumbers {

  private record Key(String symbol, LocalDate day) {}

  private final Map<Key, long[]> counters = new HashMap<>();
  private String lastSymbol;
  private LocalDate lastDay;
  private long[] lastCounter;

  /** The next number for an accepted row of {@code symbol} on {@code day}. */
  long next(String symbol, LocalDate day) {
    // speed: a file is mostly runs of one symbol and day, so the map is consulted on change only
    if (lastCounter == null || !day.equals(lastDay) || !symbol.equals(lastSymbol)) {
      lastCounter = counters.computeIfAbsent(new Key(symbol, day), key -> new long[1]);
      lastSymbol = symbol;
      lastDay = day;
    }
    return ++lastCounter[0];
  }
}
