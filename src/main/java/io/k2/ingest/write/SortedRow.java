package io.k2.ingest.write;

import java.util.Comparator;
import org.apache.iceberg.data.Record;

/**
 * A row with its sort key pulled out as primitives, so sorting rows that arrived out of order
 * compares longs instead of {@code LocalDateTime}s and boxed numbers.
 */
record SortedRow(long timestampMicros, long sequenceNumber, Record record) {

  /** The table's sort order: exchange_timestamp, then sequence_number (nulls first). */
  static final Comparator<SortedRow> ORDER =
      Comparator.comparingLong(SortedRow::timestampMicros)
          .thenComparingLong(SortedRow::sequenceNumber);

  static final long MICROS_PER_DAY = 86_400_000_000L;

  /** Days since 1970-01-01, the value of Iceberg's day transform on a timestamp. */
  static int day(long timestampMicros) {
    return (int) Math.floorDiv(timestampMicros, MICROS_PER_DAY);
  }
}
