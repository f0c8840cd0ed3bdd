package io.k2.ingest.write;

import io.k2.ingest.domain.Columns;
import io.k2.ingest.domain.MarketRow;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Schema;

/**
 * Rows held in memory until the next flush, by column (see {@link RowColumns}), with each day
 * partition's row numbers in arrival order. Market data files arrive in time order, so each day
 * remembers whether its rows came sorted, and only a day whose rows did not has its row numbers
 * sorted: the rows themselves never move.
 */
final class DayBuffer {

  static final long MICROS_PER_DAY = 86_400_000_000L;

  private final RowColumns columns;
  private final int timestampPos;
  private final int sequencePos;
  private final Map<Integer, DayRows> days = new TreeMap<>();
  private DayRows current;

  DayBuffer(Schema schema) {
    this.columns = new RowColumns(schema);
    this.timestampPos = Columns.position(schema, Columns.EXCHANGE_TIMESTAMP);
    this.sequencePos = Columns.position(schema, Columns.SEQUENCE_NUMBER);
  }

  /** Days since 1970-01-01, the value of Iceberg's day transform on a timestamp. */
  static int day(long timestampMicros) {
    return (int) Math.floorDiv(timestampMicros, MICROS_PER_DAY);
  }

  void add(MarketRow row) {
    int id = columns.add(row);
    int day = day(columns.number(timestampPos, id));
    // Consecutive rows almost always share a day: skip the map lookup for them.
    if (current == null || current.day != day) {
      current = days.computeIfAbsent(day, DayRows::new);
    }
    current.add(id);
  }

  int size() {
    return columns.size();
  }

  /** The buffered rows; valid until {@link #clear()}. */
  RowColumns columns() {
    return columns;
  }

  /** Each day's row numbers in the table's sort order, by day. */
  Map<Integer, int[]> sortedDays() {
    Map<Integer, int[]> sorted = new TreeMap<>();
    days.forEach((day, rows) -> sorted.put(day, rows.sorted()));
    return sorted;
  }

  /** Empties the buffer. */
  void clear() {
    days.clear();
    current = null;
    columns.clear();
  }

  /** The table's sort order: exchange_timestamp, then sequence_number with nulls first. */
  private long sequence(int row) {
    return columns.isNull(sequencePos, row) ? Long.MIN_VALUE : columns.number(sequencePos, row);
  }

  private int compare(int a, int b) {
    int byTime = Long.compare(columns.number(timestampPos, a), columns.number(timestampPos, b));
    return byTime != 0 ? byTime : Long.compare(sequence(a), sequence(b));
  }

  /** One day's row numbers, and whether its rows arrived in order. */
  private final class DayRows {
    private final int day;
    private int[] rows = new int[1024];
    private int count;
    private boolean inOrder = true;

    DayRows(int day) {
      this.day = day;
    }

    void add(int row) {
      if (count == rows.length) {
        rows = Arrays.copyOf(rows, count * 2);
      }
      if (inOrder && count > 0) {
        inOrder = compare(rows[count - 1], row) <= 0;
      }
      rows[count++] = row;
    }

    int[] sorted() {
      int[] ordered = Arrays.copyOf(rows, count);
      if (!inOrder) {
        // Stable, as the rows' arrival order breaks ties; boxed, but only for rows out of order.
        Integer[] boxed = Arrays.stream(ordered).boxed().toArray(Integer[]::new);
        Comparator<Integer> order = (a, b) -> compare(a, b);
        Arrays.sort(boxed, order);
        Arrays.setAll(ordered, i -> boxed[i]);
      }
      return ordered;
    }
  }
}
