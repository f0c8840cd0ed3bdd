package io.k2.ingest.write;

import static io.k2.ingest.support.TradeRows.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.domain.MarketRow;
import io.k2.ingest.domain.MarketTables;
import io.k2.ingest.support.MarketRows;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The buffer trusts rows that arrive in the table's order and sorts the rest: each way of arriving
 * out of order must be noticed, within one microsecond too.
 */
class DayBufferTest {

  private final DayBuffer buffer = new DayBuffer(MarketTables.TRADES_SCHEMA);

  @Test
  void sameMicrosecondWithFallingSequenceNumbersIsSorted() {
    buffer.add(row("2014-03-10T10:00:00", "1", 1, 1));
    buffer.add(row("2014-03-10T10:00:00.000001", "3", 1, 3));
    buffer.add(row("2014-03-10T10:00:00.000001", "2", 1, 2));

    assertThat(sequences(only(buffer.sortedDays()))).containsExactly(1L, 2L, 3L);
  }

  @Test
  void anEarlierTimeWithAHigherSequenceNumberIsSorted() {
    buffer.add(row("2014-03-10T10:00:00.000002", "1", 1, 1));
    buffer.add(row("2014-03-10T10:00:00.000001", "2", 1, 2));

    assertThat(sequences(only(buffer.sortedDays()))).containsExactly(2L, 1L);
  }

  @Test
  void rowsInOrderComeBackAsTheyArrived() {
    buffer.add(row("2014-03-10T10:00:00", "1", 1, 5));
    buffer.add(row("2014-03-10T10:00:00", "1", 1, 5));
    buffer.add(row("2014-03-10T10:00:00", "1", 1, 6));
    buffer.add(row("2014-03-10T10:00:01", "1", 1, 1));

    assertThat(sequences(only(buffer.sortedDays()))).containsExactly(5L, 5L, 6L, 1L);
  }

  @Test
  void aDayOfManyThousandRowsInReverseKeepsEveryRowAndSortsThem() {
    int count = 5_000; // several times the initial capacity
    for (int i = count; i > 0; i--) {
      String time = String.format("2014-03-10T%02d:%02d:%02d", 10 + i / 3600, i / 60 % 60, i % 60);
      buffer.add(row(time, "1", 1, i));
    }
    assertThat(buffer.size()).isEqualTo(count);

    Map<Integer, int[]> days = buffer.sortedDays();

    List<Long> sequences = sequences(only(days));
    assertThat(sequences).hasSize(count).isSorted();
    assertThat(sequences.get(0)).isEqualTo(1L);
    assertThat(days).containsOnlyKeys((int) LocalDate.parse("2014-03-10").toEpochDay());
    buffer.clear();
    assertThat(buffer.size()).isZero();
    assertThat(buffer.sortedDays()).isEmpty();
  }

  private static int[] only(Map<Integer, int[]> days) {
    assertThat(days).hasSize(1);
    return days.values().iterator().next();
  }

  private List<Long> sequences(int[] rows) {
    int pos =
        MarketTables.TRADES_SCHEMA
            .columns()
            .indexOf(MarketTables.TRADES_SCHEMA.findField("sequence_number"));
    return Arrays.stream(rows).mapToObj(r -> buffer.columns().number(pos, r)).toList();
  }

  private static MarketRow row(String timestamp, String price, long volume, long sequence) {
    return MarketRows.of(trade(timestamp, price, volume, sequence));
  }
}
