package io.k2.ingest.write;

import io.k2.ingest.domain.Columns;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;

/**
 * Rows held in memory until the next flush, grouped by day partition in day order. Market data
 * files arrive in time order, so each day remembers whether its rows came sorted and is only sorted
 * when they did not.
 */
final class DayBuffer {

  private final int timestampPos;
  private final int sequencePos;
  private final Map<Integer, DayRows> days = new TreeMap<>();
  private DayRows current;
  private int size;

  DayBuffer(Schema schema) {
    this.timestampPos = position(schema, Columns.EXCHANGE_TIMESTAMP);
    this.sequencePos = position(schema, Columns.SEQUENCE_NUMBER);
  }

  void add(Record record) {
    LocalDateTime ts = (LocalDateTime) record.get(timestampPos);
    long micros = ts.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + ts.getNano() / 1_000;
    Long sequence = (Long) record.get(sequencePos);
    int day = SortedRow.day(micros);
    // Consecutive rows almost always share a day: skip the map lookup for them.
    if (current == null || current.day != day) {
      current = days.computeIfAbsent(day, DayRows::new);
    }
    current.add(micros, sequence == null ? Long.MIN_VALUE : sequence, record);
    size++;
  }

  int size() {
    return size;
  }

  /** Each day's records in the table's sort order, by day; the buffer is empty afterwards. */
  Map<Integer, List<Record>> drainSorted() {
    Map<Integer, List<Record>> drained = new TreeMap<>();
    days.forEach((day, rows) -> drained.put(day, rows.sorted()));
    days.clear();
    current = null;
    size = 0;
    return drained;
  }

  private static int position(Schema schema, String column) {
    return schema.columns().indexOf(schema.findField(column));
  }

  /** One day's rows with their sort keys as primitives, and whether they arrived in order. */
  private static final class DayRows {
    private final int day;
    private long[] micros = new long[1024];
    private long[] sequences = new long[1024];
    private Record[] records = new Record[1024];
    private int count;
    private boolean inOrder = true;

    DayRows(int day) {
      this.day = day;
    }

    void add(long timestampMicros, long sequence, Record record) {
      if (count == records.length) {
        int grown = count * 2;
        micros = Arrays.copyOf(micros, grown);
        sequences = Arrays.copyOf(sequences, grown);
        records = Arrays.copyOf(records, grown);
      }
      if (inOrder && count > 0) {
        long lastMicros = micros[count - 1];
        inOrder =
            lastMicros < timestampMicros
                || (lastMicros == timestampMicros && sequences[count - 1] <= sequence);
      }
      micros[count] = timestampMicros;
      sequences[count] = sequence;
      records[count] = record;
      count++;
    }

    List<Record> sorted() {
      if (inOrder) {
        return Arrays.asList(records).subList(0, count);
      }
      SortedRow[] rows = new SortedRow[count];
      for (int i = 0; i < count; i++) {
        rows[i] = new SortedRow(micros[i], sequences[i], records[i]);
      }
      Arrays.sort(rows, SortedRow.ORDER);
      Record[] ordered = new Record[count];
      for (int i = 0; i < count; i++) {
        ordered[i] = rows[i].record();
      }
      return Arrays.asList(ordered);
    }
  }
}
