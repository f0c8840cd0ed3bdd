package io.k2.ingest.maintain;

import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.domain.MarketTables;
import io.k2.ingest.support.TradeRows;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;

/** The k-way merge in the trades table's own sort order. */
class SortedMergeTest {

  @Test
  void interleavedSortedInputsComeOutInTableOrderAndTiesKeepInputOrder() {
    List<Record> first =
        List.of(
            TradeRows.trade("2026-03-02T10:00:00", "1.000001", 1, 1),
            TradeRows.trade("2026-03-02T10:00:02", "1.000003", 3, 1));
    List<Record> second =
        List.of(
            TradeRows.trade("2026-03-02T10:00:00", "2.000001", 10, 2),
            TradeRows.trade("2026-03-02T10:00:01", "2.000002", 20, 1),
            TradeRows.trade("2026-03-02T10:00:02", "2.000003", 30, 1));
    List<Record> empty = List.of();

    List<Long> volumes = new ArrayList<>();
    try (SortedMerge merge =
        new SortedMerge(
            List.of(
                CloseableIterable.withNoopClose(first),
                CloseableIterable.withNoopClose(empty),
                CloseableIterable.withNoopClose(second)),
            RowOrder.of(
                MarketTables.sortOrder(MarketTables.TRADES_SCHEMA), MarketTables.TRADES_SCHEMA))) {
      merge.forEachRemaining(row -> volumes.add((Long) row.getField("volume")));
    }

    // (10:00:00, 1), (10:00:00, 2), (10:00:01, 1), then the tie at (10:00:02, 1): first input
    // first.
    assertThat(volumes).containsExactly(1L, 10L, 20L, 3L, 30L);
  }
}
