package io.k2.ingest.write;

import io.k2.ingest.domain.Columns;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;

/** Rows held in memory until the next flush, grouped by day partition in day order. */
final class DayBuffer {

  private final int timestampPos;
  private final int sequencePos;
  private final Map<Integer, List<SortedRow>> days = new TreeMap<>();
  private int size;

  DayBuffer(Schema schema) {
    this.timestampPos = position(schema, Columns.EXCHANGE_TIMESTAMP);
    this.sequencePos = position(schema, Columns.SEQUENCE_NUMBER);
  }

  void add(Record record) {
    LocalDateTime ts = (LocalDateTime) record.get(timestampPos);
    long micros = ts.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + ts.getNano() / 1_000;
    Long sequence = (Long) record.get(sequencePos);
    SortedRow row = new SortedRow(micros, sequence == null ? Long.MIN_VALUE : sequence, record);
    days.computeIfAbsent(row.day(), d -> new ArrayList<>()).add(row);
    size++;
  }

  int size() {
    return size;
  }

  /** Each day's rows, sorted; the buffer is empty afterwards. */
  Map<Integer, List<SortedRow>> drainSorted() {
    days.values().forEach(rows -> rows.sort(SortedRow.ORDER));
    Map<Integer, List<SortedRow>> drained = new TreeMap<>(days);
    days.clear();
    size = 0;
    return drained;
  }

  private static int position(Schema schema, String column) {
    return schema.columns().indexOf(schema.findField(column));
  }
}
