package io.k2.ingest.write;

import static io.k2.ingest.support.TradeRows.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.domain.MarketTables;
import io.k2.ingest.support.MarketRows;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.inmemory.InMemoryFileIO;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.LocationProvider;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A day large enough to roll over into several files, with storage failing on a later one: the
 * files that rolled over are complete objects no result names, so abort and close must remove them.
 * Storage here fails as an object store does: a failed upload never becomes visible.
 */
class RolledFileCleanupTest {

  private static final int ROWS_PER_ROLL = 1_000; // Iceberg checks the file size every 1000 rows

  private Table table;

  @BeforeEach
  void createTableWithTinyTargetFiles() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("market_data"));
    table =
        MarketTables.definition(MarketTable.TRADES, Namespace.of("market_data"), "trades", Map.of())
            .createIn(catalog);
    table.updateProperties().set(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, "1").commit();
  }

  @Test
  void aDayRollsOverIntoAFileEveryThousandRows() {
    ObjectFileWriter writer = new ObjectFileWriter(table, "op-rolls", 10_000);
    day(2_500).forEach(r -> writer.write(MarketRows.of(r)));

    WrittenFiles files = writer.finish();

    assertThat(files.dataFiles())
        .extracting(f -> f.recordCount())
        .containsExactly(1_000L, 1_000L, 500L);
    assertThat(files.rows()).isEqualTo(2_500);
  }

  @Test
  void abortAfterStorageFailsOnTheLastFileDeletesTheFilesThatRolledOver() {
    Table failing = failingOn(table, "op-last-00003.parquet");
    ObjectFileWriter writer = new ObjectFileWriter(failing, "op-last", 10_000);
    day(2_500).forEach(r -> writer.write(MarketRows.of(r)));
    List<String> rolled = List.of(location("op-last", 1), location("op-last", 2));
    assertThatThrownBy(writer::finish).isInstanceOf(RuntimeException.class);
    assertThat(rolled).allSatisfy(path -> assertThat(exists(path)).as(path).isTrue());

    writer.abort();

    assertThat(rolled).allSatisfy(path -> assertThat(exists(path)).as(path).isFalse());
    assertThat(exists(location("op-last", 3))).isFalse();
  }

  @Test
  void abortAfterStorageFailsWhileRollingOverDeletesTheFileRolledBefore() {
    Table failing = failingOn(table, "op-roll-00002.parquet");
    ObjectFileWriter writer = new ObjectFileWriter(failing, "op-roll", 10_000);
    day(2_500).forEach(r -> writer.write(MarketRows.of(r)));
    assertThatThrownBy(writer::finish).isInstanceOf(RuntimeException.class);
    assertThat(exists(location("op-roll", 1))).isTrue();

    writer.abort();

    assertThat(exists(location("op-roll", 1))).isFalse();
  }

  @Test
  void closeAfterAFailedDayDeletesThatDaysFilesButKeepsTheDaysWrittenBefore() {
    Table failing = failingOn(table, "op-close-00004.parquet");
    ObjectFileWriter writer = new ObjectFileWriter(failing, "op-close", 10_000);
    writer.write(MarketRows.of(trade("2014-03-09T10:00:00", "1", 1, 1))); // file 1, an earlier day
    day(2_500)
        .forEach(r -> writer.write(MarketRows.of(r))); // files 2 and 3 roll over, file 4 fails
    assertThatThrownBy(writer::finish).isInstanceOf(RuntimeException.class);

    writer.close();

    assertThat(exists(location("op-close", 2))).isFalse();
    assertThat(exists(location("op-close", 3))).isFalse();
    assertThat(exists(location("op-close", 1, "2014-03-09"))).isTrue();
  }

  @Test
  void abortTwiceDeletesEachFileOnce() {
    ObjectFileWriter writer = new ObjectFileWriter(table, "op-twice", 10_000);
    day(10).forEach(r -> writer.write(MarketRows.of(r)));
    writer.finish();

    writer.abort();
    writer.abort(); // the in-memory store refuses to delete a file that is not there

    assertThat(exists(location("op-twice", 1))).isFalse();
  }

  /** Rows of one day in time order, one millisecond apart. */
  private static List<Record> day(int count) {
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String time =
          String.format("2014-03-10T10:%02d:%02d.%03d", i / 60_000, i / 1000 % 60, i % 1000);
      rows.add(trade(time, "36.5", 100 + i, i));
    }
    return rows;
  }

  private String location(String operationId, int file) {
    return location(operationId, file, "2014-03-10");
  }

  private String location(String operationId, int file, String date) {
    PartitionKey key = new PartitionKey(table.spec(), table.schema());
    key.partition(
        new InternalRecordWrapper(table.schema().asStruct())
            .wrap(trade(date + "T10:00:00", "1", 1, 1)));
    String name = String.format("00000-0-%s-%05d.parquet", operationId, file);
    return table.locationProvider().newDataLocation(table.spec(), key, name);
  }

  private boolean exists(String location) {
    try {
      return table.io().newInputFile(location).exists();
    } catch (NotFoundException e) {
      return false; // how the in-memory FileIO says it
    }
  }

  /** The same table, over storage whose uploads of the named file fail. */
  private static Table failingOn(Table table, String fileName) {
    TableOperations ops = ((HasTableOperations) table).operations();
    FileIO io = new FailingUploads(fileName);
    TableOperations failing =
        new TableOperations() {
          @Override
          public TableMetadata current() {
            return ops.current();
          }

          @Override
          public TableMetadata refresh() {
            return ops.refresh();
          }

          @Override
          public void commit(TableMetadata base, TableMetadata metadata) {
            ops.commit(base, metadata);
          }

          @Override
          public FileIO io() {
            return io;
          }

          @Override
          public String metadataFileLocation(String fileName) {
            return ops.metadataFileLocation(fileName);
          }

          @Override
          public LocationProvider locationProvider() {
            return ops.locationProvider();
          }
        };
    return new BaseTable(failing, table.name());
  }

  /**
   * The in-memory store (its files are shared by every instance), except that each upload of a file
   * whose name ends with {@code fileName} fails on its first byte, and on close: the object never
   * appears.
   */
  private static final class FailingUploads implements FileIO {
    private final InMemoryFileIO store = new InMemoryFileIO();
    private final String fileName;

    FailingUploads(String fileName) {
      this.fileName = fileName;
    }

    @Override
    public InputFile newInputFile(String path) {
      return store.newInputFile(path);
    }

    @Override
    public OutputFile newOutputFile(String path) {
      OutputFile file = store.newOutputFile(path);
      if (!path.endsWith(fileName)) {
        return file;
      }
      return new OutputFile() {
        @Override
        public PositionOutputStream create() {
          return new BrokenUpload();
        }

        @Override
        public PositionOutputStream createOrOverwrite() {
          return new BrokenUpload();
        }

        @Override
        public String location() {
          return path;
        }

        @Override
        public InputFile toInputFile() {
          return store.newInputFile(path);
        }
      };
    }

    @Override
    public void deleteFile(String path) {
      store.deleteFile(path);
    }
  }

  private static final class BrokenUpload extends PositionOutputStream {
    @Override
    public long getPos() {
      return 0;
    }

    @Override
    public void write(int b) throws IOException {
      throw new IOException("upload failed");
    }

    @Override
    public void close() throws IOException {
      throw new IOException("upload failed");
    }
  }
}
