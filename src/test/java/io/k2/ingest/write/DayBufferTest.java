package io.k2.ingest.write;

import static io.k2.ingest.support.TradeRows.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.domain.MarketTables;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;

/**
 * The buffer trusts rows that arrive in the table's order and sorts the rest: each way of arriving
 * out of order must be noticed, within one microsecond too.
 */
class DayBufferTest {

  private final DayBuffer buffer = new DayBuffer(MarketTables.TRADES_SCHEMA);

  @Test
  void sameMicrosecondWithFallingSequenceNumbersIsSorted() {
    buffer.add(trade("2014-03-10T10:00:00", "1", 1, 1));
    buffer.add(trade("2014-03-10T10:00:00.000001", "3", 1, 3));
    buffer.add(trade("2014-03-10T10:00:00.000001", "2", 1, 2));

    assertThat(sequences(only(buffer.drainSorted()))).containsExactly(1L, 2L, 3L);
  }

  @Test
  void anEarlierTimeWithAHigherSequenceNumberIsSorted() {
    buffer.add(trade("2014-03-10T10:00:00.000002", "1", 1, 1));
    buffer.add(trade("2014-03-10T10:00:00.000001", "2", 1, 2));

    assertThat(sequences(only(buffer.drainSorted()))).containsExactly(2L, 1L);
  }

  @Test
  void rowsInOrderComeBackAsTheyArrived() {
    buffer.add(trade("2014-03-10T10:00:00", "1", 1, 5));
    buffer.add(trade("2014-03-10T10:00:00", "1", 1, 5));
    buffer.add(trade("2014-03-10T10:00:00", "1", 1, 6));
    buffer.add(trade("2014-03-10T10:00:01", "1", 1, 1));

    assertThat(sequences(only(buffer.drainSorted()))).containsExactly(5L, 5L, 6L, 1L);
  }

  @Test
  void aDayOfManyThousandRowsInReverseKeepsEveryRowAndSortsThem() {
    int count = 5_000; // several times the initial capacity
    for (int i = count; i > 0; i--) {
      String time = String.format("2014-03-10T%02d:%02d:%02d", 10 + i / 3600, i / 60 % 60, i % 60);
      buffer.add(trade(time, "1", 1, i));
    }
    assertThat(buffer.size()).isEqualTo(count);

    Map<Integer, List<Record>> days = buffer.drainSorted();

    List<Long> sequences = sequences(only(days));
    assertThat(sequences).hasSize(count).isSorted();
    assertThat(sequences.get(0)).isEqualTo(1L);
    assertThat(days).containsOnlyKeys((int) LocalDate.parse("2014-03-10").toEpochDay());
    assertThat(buffer.size()).isZero();
    assertThat(buffer.drainSorted()).isEmpty();
  }

  private static List<Record> only(Map<Integer, List<Record>> days) {
    assertThat(days).hasSize(1);
    return days.values().iterator().next();
  }

  private static List<Long> sequences(List<Record> rows) {
    return rows.stream().map(r -> (Long) r.getField("sequence_number")).toList();
  }
}
