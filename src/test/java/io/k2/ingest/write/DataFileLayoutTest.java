package io.k2.ingest.write;

import static io.k2.ingest.support.TradeRows.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.domain.MarketTables;
import io.k2.ingest.domain.TableDefinition;
import io.k2.ingest.support.MarketRows;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each data file holds: the partition value of its day, its rows in the table's sort order (to
 * the microsecond, nulls first), and nothing left behind when writing fails.
 */
class DataFileLayoutTest {

  private InMemoryCatalog catalog;
  private Table table;

  @BeforeEach
  void createTable() {
    catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("market_data"));
    TableDefinition trades =
        MarketTables.definition(
            MarketTable.TRADES, Namespace.of("market_data"), "trades", Map.of());
    table = trades.createIn(catalog);
  }

  @Test
  void eachFileCarriesThePartitionValueOfItsOwnDayIncludingDaysBefore1970() {
    ObjectFileWriter writer = new ObjectFileWriter(table, "op-days", 1_000);
    writer.write(MarketRows.of(trade("2014-03-11T00:00:00", "1", 1, 1)));
    writer.write(MarketRows.of(trade("1969-12-31T23:59:59.999999", "1", 1, 1)));
    writer.write(MarketRows.of(trade("2014-03-10T23:59:59.999999", "1", 1, 1)));
    writer.write(MarketRows.of(trade("2014-03-10T00:00:00", "1", 1, 2)));

    List<DataFile> files = writer.finish().dataFiles();

    assertThat(files)
        .extracting(f -> f.partition().get(0, Integer.class) + " " + f.recordCount())
        .containsExactly(
            day("1969-12-31") + " 1", day("2014-03-10") + " 2", day("2014-03-11") + " 1");
    assertThat(files).allSatisfy(f -> assertThat(f.specId()).isEqualTo(table.spec().specId()));
    assertThat(files.get(1).location()).contains("exchange_date=2014-03-10/");
  }

  @Test
  void rowsAreSortedToTheMicrosecondThenBySequenceNumberWithNullsFirst() throws IOException {
    ObjectFileWriter writer = new ObjectFileWriter(table, "op-order", 1_000);
    writer.write(MarketRows.of(trade("2014-03-10T10:00:00.000002", "4", 1, 1)));
    writer.write(MarketRows.of(trade("2014-03-10T10:00:00.000001", "3", 1, 9)));
    writer.write(MarketRows.of(trade("2014-03-10T10:00:00.000001", "2", 1, 2)));
    Record noSequence = trade("2014-03-10T10:00:00.000001", "1", 1, 0);
    noSequence.setField("sequence_number", null);
    writer.write(MarketRows.of(noSequence));
    writer.write(MarketRows.of(trade("2014-03-10T09:59:59.999999", "0", 1, 5)));

    DataFile file = writer.finish().dataFiles().get(0);

    table.newAppend().appendFile(file).commit();
    assertThat(read())
        .extracting(r -> r.getField("price").toString())
        .containsExactly("0.000000", "1.000000", "2.000000", "3.000000", "4.000000");
  }

  @Test
  void rowsAreCountedAndABufferOfOneWritesAFilePerRow() {
    ObjectFileWriter writer = new ObjectFileWriter(table, "op-one", 1);
    writer.write(MarketRows.of(trade("2014-03-10T10:00:00", "1", 1, 1)));
    writer.write(MarketRows.of(trade("2014-03-10T10:00:01", "1", 1, 2)));

    WrittenFiles files = writer.finish();

    assertThat(files.rows()).isEqualTo(2);
    assertThat(files.dataFiles()).hasSize(2);
    assertThat(files.bytes()).isPositive();
    assertThat(writer.finish().dataFiles()).hasSize(2);
  }

  @Test
  void aFailedWriteLeavesNoFileBehindAfterAbortNotEvenTheHalfWrittenOne() {
    ObjectFileWriter writer = new ObjectFileWriter(table, "op-fail", 1_000);
    writer.write(MarketRows.of(trade("2014-03-10T10:00:00", "1", 1, 1)));
    Record broken = trade("2014-03-10T10:00:01", "1", 1, 2);
    broken.setField("price", null); // a required column: the Parquet writer refuses it
    writer.write(MarketRows.of(broken));
    Record first = trade("2014-03-10T10:00:00", "1", 1, 1);
    String halfWritten = dataLocation(first, "00000-0-op-fail-00001.parquet");

    assertThatThrownBy(writer::finish).isInstanceOf(RuntimeException.class);
    writer.abort();

    assertThat(exists(halfWritten)).as(halfWritten).isFalse();
    writer.close();
  }

  @Test
  void abortAfterFinishDeletesEveryDaysFilesAndCloseAloneKeepsThem() {
    ObjectFileWriter kept = new ObjectFileWriter(table, "op-keep", 1_000);
    kept.write(MarketRows.of(trade("2014-03-10T10:00:00", "1", 1, 1)));
    List<DataFile> keptFiles = kept.finish().dataFiles();
    kept.close();
    ObjectFileWriter aborted = new ObjectFileWriter(table, "op-drop", 1_000);
    aborted.write(MarketRows.of(trade("2014-03-10T10:00:00", "1", 1, 1)));
    aborted.write(MarketRows.of(trade("2014-03-11T10:00:00", "1", 1, 1)));
    List<DataFile> abortedFiles = new ArrayList<>(aborted.finish().dataFiles());

    aborted.abort();

    assertThat(keptFiles).allSatisfy(f -> assertThat(exists(f.location())).isTrue());
    assertThat(abortedFiles).hasSize(2);
    assertThat(abortedFiles).allSatisfy(f -> assertThat(exists(f.location())).isFalse());
  }

  @Test
  void aTableNotPartitionedByDayIsRefusedWithTheDriftNamed() {
    Table unpartitioned =
        catalog.createTable(
            TableIdentifier.of("market_data", "flat"),
            MarketTables.TRADES_SCHEMA,
            PartitionSpec.unpartitioned());

    assertThatThrownBy(() -> new ObjectFileWriter(unpartitioned, "op", 10))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("table test.market_data.flat is partitioned by []")
        .hasMessageEndingWith(": run the init function to see the drift");
  }

  private String dataLocation(Record row, String fileName) {
    PartitionKey key = new PartitionKey(table.spec(), table.schema());
    key.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(row));
    return table.locationProvider().newDataLocation(table.spec(), key, fileName);
  }

  private boolean exists(String location) {
    try {
      return table.io().newInputFile(location).exists();
    } catch (NotFoundException e) {
      return false; // how the in-memory FileIO says it
    }
  }

  private List<Record> read() throws IOException {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> all = IcebergGenerics.read(table).build()) {
      all.forEach(r -> rows.add(r.copy()));
    }
    return rows;
  }

  private static int day(String date) {
    return (int) LocalDate.parse(date).toEpochDay();
  }
}
