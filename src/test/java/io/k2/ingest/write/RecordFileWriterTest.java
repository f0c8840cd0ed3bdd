package io.k2.ingest.write;

import static io.k2.ingest.support.TradeRows.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.domain.MarketTables;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One file per call, rows in the order given, sorted only when the caller says so. */
class RecordFileWriterTest {

  private Table table;

  @BeforeEach
  void createTable() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("market_data"));
    table =
        MarketTables.definition(
                MarketTable.TRADES, Namespace.of("market_data"), "records", Map.of())
            .createIn(catalog);
  }

  @Test
  void writesTheRowsInTheGivenOrderIntoThePartitionOfTheFirstRowUnsorted() throws IOException {
    List<Record> rows =
        List.of(
            trade("2014-03-10T10:00:02", "2", 1, 2),
            trade("2014-03-10T10:00:01", "1", 1, 1),
            trade("2014-03-10T10:00:03", "3", 1, 3));

    DataFile file = RecordFileWriter.write(table, rows);

    assertThat(file.recordCount()).isEqualTo(3);
    assertThat(file.partition().get(0, Integer.class))
        .isEqualTo((int) LocalDate.parse("2014-03-10").toEpochDay());
    assertThat(file.sortOrderId()).isEqualTo(SortOrder.unsorted().orderId());
    table.newAppend().appendFile(file).commit();
    assertThat(read()).containsExactly(2L, 1L, 3L);
  }

  @Test
  void recordsTheTableSortOrderWhenTheRowsAreSorted() {
    Record row = trade("2014-03-10T10:00:01", "1", 1, 1);
    DataFile first = RecordFileWriter.write(table, List.of(row));

    DataFile sorted = RecordFileWriter.write(table, first.partition(), List.of(row), true);

    assertThat(table.sortOrder().orderId()).isNotEqualTo(SortOrder.unsorted().orderId());
    assertThat(sorted.sortOrderId()).isEqualTo(table.sortOrder().orderId());
    assertThat(sorted.location()).isNotEqualTo(first.location());
    assertThat(sorted.partition().get(0, Integer.class))
        .isEqualTo(first.partition().get(0, Integer.class));
  }

  private List<Long> read() throws IOException {
    List<Long> sequences = new ArrayList<>();
    try (CloseableIterable<Record> all = IcebergGenerics.read(table).build()) {
      all.forEach(r -> sequences.add((Long) r.getField("sequence_number")));
    }
    return sequences;
  }
}
