package io.k2.ingest.write;

import static io.k2.ingest.support.TradeRows.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.domain.MarketTables;
import io.k2.ingest.domain.TableDefinition;
import io.k2.ingest.support.MarketRows;
import io.k2.ingest.support.ParquetFooters;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObjectFileWriterTest {

  private Table table;

  @BeforeEach
  void setUp() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("market_data"));
    TableDefinition trades =
        MarketTables.definition(
            MarketTable.TRADES, Namespace.of("market_data"), "trades", Map.of());
    table = trades.createIn(catalog);
  }

  @Test
  void writesOneSortedZstdFilePerDayWhenEverythingFitsTheBuffer() throws Exception {
    List<Record> rows = shuffledRowsOverThreeDays(300);
    ObjectFileWriter writer = new ObjectFileWriter(table, "op-a", 10_000);
    rows.forEach(r -> writer.write(MarketRows.of(r)));

    WrittenFiles files = writer.finish();

    assertThat(files.rows()).isEqualTo(300);
    assertThat(files.dataFiles()).hasSize(3);
    assertThat(files.bytes())
        .isEqualTo(files.dataFiles().stream().mapToLong(DataFile::fileSizeInBytes).sum());
    for (DataFile file : files.dataFiles()) {
      assertThat(file.format()).isEqualTo(FileFormat.PARQUET);
      assertThat(file.sortOrderId()).isEqualTo(table.sortOrder().orderId());
      assertThat(ParquetFooters.codecs(table.io(), file.location())).containsExactly("ZSTD");
      assertSortedWithinOneDay(file);
    }
  }

  @Test
  void spillsSortedFilesWhenTheBufferFillsAndKeepsEveryRow() throws Exception {
    List<Record> rows = shuffledRowsOverThreeDays(300);
    ObjectFileWriter writer = new ObjectFileWriter(table, "op-b", 50);
    rows.forEach(r -> writer.write(MarketRows.of(r)));

    WrittenFiles files = writer.finish();

    assertThat(files.rows()).isEqualTo(300);
    assertThat(files.dataFiles().size()).isGreaterThan(3);
    assertThat(files.dataFiles().stream().mapToLong(DataFile::recordCount).sum()).isEqualTo(300);
    for (DataFile file : files.dataFiles()) {
      assertSortedWithinOneDay(file);
    }
  }

  @Test
  void sortsADayWhoseRowsArriveInOrderButForTheLastTwo() throws Exception {
    List<Record> rows = shuffledRowsOverThreeDays(300);
    rows.sort(BY_TIME_THEN_SEQUENCE);
    Collections.swap(rows, rows.size() - 1, rows.size() - 4); // both on the last day
    ObjectFileWriter writer = new ObjectFileWriter(table, "op-d", 10_000);
    rows.forEach(r -> writer.write(MarketRows.of(r)));

    WrittenFiles files = writer.finish();

    assertThat(files.rows()).isEqualTo(300);
    assertThat(files.dataFiles()).hasSize(3);
    for (DataFile file : files.dataFiles()) {
      assertSortedWithinOneDay(file);
    }
  }

  @Test
  void namesFilesFromTheOperationIdSoARewriteReusesThem() {
    ObjectFileWriter first = new ObjectFileWriter(table, "same-object", 10_000);
    shuffledRowsOverThreeDays(30).forEach(r -> first.write(MarketRows.of(r)));
    ObjectFileWriter second = new ObjectFileWriter(table, "same-object", 10_000);
    shuffledRowsOverThreeDays(30).forEach(r -> second.write(MarketRows.of(r)));

    assertThat(second.finish().dataFiles())
        .extracting(DataFile::location)
        .containsExactlyElementsOf(
            first.finish().dataFiles().stream().map(DataFile::location).toList());
  }

  @Test
  void abortDeletesEveryFileWritten() {
    ObjectFileWriter writer = new ObjectFileWriter(table, "op-c", 20);
    shuffledRowsOverThreeDays(100).forEach(r -> writer.write(MarketRows.of(r)));
    List<DataFile> files = writer.finish().dataFiles();
    assertThat(files).allSatisfy(f -> assertThat(exists(f)).isTrue());

    writer.abort();

    assertThat(files).allSatisfy(f -> assertThat(exists(f)).isFalse());
  }

  @Test
  void anAbortAfterAFailureDeletesWhatItCanAndKeepsThatFailureFirst() {
    ObjectFileWriter writer = new ObjectFileWriter(table, "op-d", 20);
    shuffledRowsOverThreeDays(100).forEach(r -> writer.write(MarketRows.of(r)));
    List<DataFile> files = writer.finish().dataFiles();
    // In-memory storage refuses to delete what it does not hold: the first delete will fail.
    table.io().deleteFile(files.get(0).location());
    IOException cause = new IOException("the read broke off");

    writer.abortAfter(cause);

    assertThat(cause.getSuppressed())
        .singleElement()
        .isInstanceOf(NotFoundException.class)
        .satisfies(s -> assertThat(s.getMessage()).contains(files.get(0).location()));
    assertThat(files.subList(1, files.size()))
        .isNotEmpty()
        .allSatisfy(f -> assertThat(exists(f)).isFalse());
  }

  @Test
  void anAbortOnItsOwnTriesEveryFileThenThrowsTheFirstFailureWithTheOthersInIt() {
    ObjectFileWriter writer = new ObjectFileWriter(table, "op-e", 20);
    shuffledRowsOverThreeDays(100).forEach(r -> writer.write(MarketRows.of(r)));
    List<DataFile> files = writer.finish().dataFiles();
    String first = files.get(0).location();
    String last = files.get(files.size() - 1).location();
    table.io().deleteFile(first);
    table.io().deleteFile(last);

    assertThatThrownBy(writer::abort)
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(first)
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .singleElement()
                    .satisfies(s -> assertThat(s.getMessage()).contains(last)));
    assertThat(files.subList(1, files.size() - 1))
        .isNotEmpty()
        .allSatisfy(f -> assertThat(exists(f)).isFalse());
  }

  private void assertSortedWithinOneDay(DataFile file) throws Exception {
    table.newAppend().appendFile(file).commit();
    List<Record> read = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      rows.forEach(r -> read.add(r.copy()));
    }
    // Only this file is in the table: rows come back in file order.
    assertThat(read).hasSize((int) file.recordCount());
    assertThat(
            read.stream()
                .map(r -> ((LocalDateTime) r.getField("exchange_timestamp")).toLocalDate())
                .distinct())
        .hasSize(1);
    for (int i = 1; i < read.size(); i++) {
      Record a = read.get(i - 1);
      Record b = read.get(i);
      int byTime =
          ((LocalDateTime) a.getField("exchange_timestamp"))
              .compareTo((LocalDateTime) b.getField("exchange_timestamp"));
      assertThat(
              byTime < 0
                  || (byTime == 0
                      && (Long) a.getField("sequence_number")
                          < (Long) b.getField("sequence_number")))
          .as("row %d before row %d", i - 1, i)
          .isTrue();
    }
    table.newDelete().deleteFile(file).commit();
  }

  private boolean exists(DataFile file) {
    try {
      return table.io().newInputFile(file.location()).exists();
    } catch (org.apache.iceberg.exceptions.NotFoundException e) {
      return false; // how the in-memory FileIO says it
    }
  }

  private static final Comparator<Record> BY_TIME_THEN_SEQUENCE =
      Comparator.comparing((Record r) -> (LocalDateTime) r.getField("exchange_timestamp"))
          .thenComparing(r -> (Long) r.getField("sequence_number"));

  /** Rows over three days, several sharing a timestamp, in a shuffled order. */
  private static List<Record> shuffledRowsOverThreeDays(int count) {
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int day = 10 + i % 3;
      String time =
          String.format(
              "2014-03-%02dT10:%02d:%02d.%03d", day, (i / 3) % 60, (i / 7) % 60, (i / 2) % 2 * 500);
      rows.add(trade(time, "36.5" + (i % 10), 100 + i, i / 3 + 1));
    }
    Collections.shuffle(rows, new Random(42));
    return rows;
  }
}
