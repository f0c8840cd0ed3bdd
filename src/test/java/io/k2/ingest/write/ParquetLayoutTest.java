package io.k2.ingest.write;

import static io.k2.ingest.support.TradeRows.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.domain.MarketTables;
import io.k2.ingest.support.MarketRows;
import io.k2.ingest.support.ParquetFooters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.SchemaParser;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data files written from columns are what Iceberg's own writer would describe: the same
 * metrics for the same rows, the table's field ids, codec and page version; and they differ where
 * chosen: no dictionary for the exchange timestamp, dictionaries elsewhere.
 */
class ParquetLayoutTest {

  private Table table;

  @BeforeEach
  void createTable() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("market_data"));
    table =
        MarketTables.definition(MarketTable.TRADES, Namespace.of("market_data"), "t", Map.of())
            .createIn(catalog);
  }

  @Test
  void metricsAreThoseOfIcebergsGenericWriterForTheSameRows() {
    List<Record> rows = day(3_000);
    rows.get(7).setField("venue", "CXA");
    rows.get(8).setField("buyer_id", "a buyer id longer than sixteen characters");
    rows.get(9).setField("sequence_number", null);

    DataFile columnar = writeColumnar(rows);
    List<Record> sorted = new ArrayList<>(rows);
    sorted.add(0, sorted.remove(9)); // a null sequence number sorts first
    PartitionKey partition = new PartitionKey(table.spec(), table.schema());
    partition.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(rows.get(0)));
    DataFile generic = RecordFileWriter.write(table, partition, sorted, true);

    assertThat(columnar.recordCount()).isEqualTo(3_000);
    assertThat(columnar.valueCounts()).isEqualTo(generic.valueCounts());
    assertThat(columnar.nullValueCounts()).isEqualTo(generic.nullValueCounts());
    assertThat(columnar.lowerBounds()).isEqualTo(generic.lowerBounds());
    assertThat(columnar.upperBounds()).isEqualTo(generic.upperBounds());
    assertThat(columnar.columnSizes()).containsOnlyKeys(generic.columnSizes().keySet());
    assertThat(columnar.sortOrderId()).isEqualTo(generic.sortOrderId()).isPositive();
    assertThat(columnar.partition()).isEqualTo(generic.partition());
    assertThat(columnar.splitOffsets()).isEqualTo(List.of(4L));
    assertThat(columnar.fileSizeInBytes())
        .isEqualTo(table.io().newInputFile(columnar.location()).getLength());
  }

  @Test
  void theExchangeTimestampHasNoDictionaryAndRepeatedColumnsKeepTheirs() {
    ParquetMetadata footer = footer(writeColumnar(day(3_000)));

    BlockMetaData block = footer.getBlocks().get(0);
    assertThat(encodings(block, "exchange_timestamp"))
        .contains(Encoding.DELTA_BINARY_PACKED)
        .doesNotContain(Encoding.RLE_DICTIONARY, Encoding.PLAIN_DICTIONARY);
    assertThat(encodings(block, "symbol")).contains(Encoding.RLE_DICTIONARY);
    assertThat(encodings(block, "source_file")).contains(Encoding.RLE_DICTIONARY);
    assertThat(block.getColumns())
        .allSatisfy(column -> assertThat(column.getCodec().name()).isEqualTo("ZSTD"))
        .allSatisfy(column -> assertThat(column.getEncodingStats().usesV2Pages()).isTrue());
  }

  @Test
  void theFileCarriesTheTableSchemaWithItsFieldIds() {
    ParquetMetadata footer = footer(writeColumnar(day(10)));

    MessageType type = footer.getFileMetaData().getSchema();
    assertThat(type.getFields())
        .extracting(field -> field.getId().intValue() + " " + field.getName())
        .containsExactlyElementsOf(
            table.schema().columns().stream().map(f -> f.fieldId() + " " + f.name()).toList());
    assertThat(footer.getFileMetaData().getKeyValueMetaData())
        .containsEntry("iceberg.schema", SchemaParser.toJson(table.schema()));
  }

  @Test
  void tablePropertiesDecideCodecAndPageVersion() {
    table
        .updateProperties()
        .set(TableProperties.PARQUET_COMPRESSION, "snappy")
        .set(TableProperties.PARQUET_PAGE_VERSION, "v1")
        .commit();

    BlockMetaData block = footer(writeColumnar(day(10))).getBlocks().get(0);

    assertThat(block.getColumns())
        .allSatisfy(column -> assertThat(column.getCodec().name()).isEqualTo("SNAPPY"))
        .allSatisfy(column -> assertThat(column.getEncodingStats().usesV2Pages()).isFalse());
  }

  @Test
  void aSmallRowGroupSizeGivesSeveralRowGroups() {
    table.updateProperties().set(TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES, "1024").commit();

    DataFile file = writeColumnar(day(5_000));

    assertThat(footer(file).getBlocks()).hasSizeGreaterThan(1);
    assertThat(file.splitOffsets()).hasSize(footer(file).getBlocks().size());
  }

  @Test
  void statisticsFollowTheirColumnProperty() {
    table
        .updateProperties()
        .set(TableProperties.PARQUET_COLUMN_STATS_ENABLED_PREFIX + "volume", "false")
        .commit();

    BlockMetaData block = footer(writeColumnar(day(100))).getBlocks().get(0);

    assertThat(column(block, "volume").getStatistics().hasNonNullValue()).isFalse();
    assertThat(column(block, "price").getStatistics().hasNonNullValue()).isTrue();
  }

  @Test
  void theCompressionLevelIsHonoured() {
    table.updateProperties().set(TableProperties.PARQUET_COMPRESSION_LEVEL, "1").commit();
    long fast = writeColumnar(day(3_000)).fileSizeInBytes();
    table.updateProperties().set(TableProperties.PARQUET_COMPRESSION_LEVEL, "19").commit();
    long small = writeColumnar(day(3_000)).fileSizeInBytes();

    assertThat(small).isLessThan(fast);
  }

  private DataFile writeColumnar(List<Record> rows) {
    ObjectFileWriter writer = new ObjectFileWriter(table, "op-layout", 100_000);
    rows.forEach(r -> writer.write(MarketRows.of(r)));
    List<DataFile> files = writer.finish().dataFiles();
    assertThat(files).hasSize(1);
    return files.get(0);
  }

  private ParquetMetadata footer(DataFile file) {
    return ParquetFooters.footer(table.io(), file.location());
  }

  private static ColumnChunkMetaData column(BlockMetaData block, String column) {
    return block.getColumns().stream()
        .filter(c -> c.getPath().toDotString().equals(column))
        .findFirst()
        .orElseThrow();
  }

  private static java.util.Set<Encoding> encodings(BlockMetaData block, String column) {
    return block.getColumns().stream()
        .filter(c -> c.getPath().toDotString().equals(column))
        .map(ColumnChunkMetaData::getEncodings)
        .findFirst()
        .orElseThrow();
  }

  /** Rows of one day in time order, one millisecond apart, with two symbols taking turns. */
  private static List<Record> day(int count) {
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String time =
          String.format("2014-03-10T10:%02d:%02d.%03d", i / 60_000, i / 1000 % 60, i % 1000);
      Record row = trade(time, (36 + i % 7) + ".5", 100 + i, i + 1);
      row.setField("symbol", i % 2 == 0 ? "BHP" : "RIO");
      rows.add(row);
    }
    return rows;
  }
}
