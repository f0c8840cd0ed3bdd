package io.k2.ingest.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.config.K2Config.Corrections;
import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.support.IcebergServers;
import io.k2.ingest.write.RecordFileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A correction takes its key's rows out in the same commit that adds the new version's rows: files
 * of the key alone are dropped unread, files shared with other keys (after compaction) are
 * rewritten without them, and nothing else changes.
 */
class KeyRowsRemoverTest {

  @RegisterExtension static final IcebergServers servers = IcebergServers.start();
  private final KeyHistory history = new KeyHistory(Duration.ofDays(1));
  private final VersionCheck check = new VersionCheck(history, true);
  private final TableCommitter committer =
      new TableCommitter(new AppendCommitter(history, true), check, history);

  private final Delivery a1 = Delivery.of("asx/trades/1.csv", "a1").rows(2);
  private final Delivery b1 = Delivery.of("asx/trades/2.csv", "b1").rows(3);
  private final Delivery c1 = Delivery.of("asx/trades/3.csv", "c1").rows(2);

  @Test
  void filesOfTheKeyAloneAreDroppedWithoutBeingRead() {
    Table table = servers.newTable(MarketTable.TRADES);
    commit(table, a1);
    commit(table, b1);
    DataFile aFile = only(table, a1);
    servers.takeS3Requests();

    Delivery a2 = Delivery.of(a1.key(), "a2").rows(1);
    CommitResult result = commit(table, a2);

    assertThat(result).isInstanceOf(CommitResult.Committed.class);
    assertThat(TableFacts.rows(table))
        .isEqualTo(sorted(TableFacts.rowsOf(a2), TableFacts.rowsOf(b1)));
    assertThat(table.currentSnapshot().summary())
        .containsEntry("deleted-data-files", "1")
        .containsEntry("added-data-files", "1");
    String aKey = aFile.location().substring("s3://warehouse".length());
    assertThat(servers.takeS3Requests()).noneMatch(request -> request.endsWith(aKey));
  }

  @Test
  void aSharedFileIsRewrittenWithoutTheKeyWhereverTheKeySitsInItsBounds() {
    Table table = servers.newTable(MarketTable.TRADES);
    commit(table, a1);
    commit(table, b1);
    commit(table, c1);
    compact(table, true);

    // The key at the lower bound of the shared file, then at its upper bound.
    Delivery a2 = Delivery.of(a1.key(), "a2").rows(1);
    assertThat(commit(table, a2)).isInstanceOf(CommitResult.Committed.class);
    assertThat(TableFacts.rows(table))
        .isEqualTo(sorted(TableFacts.rowsOf(a2), TableFacts.rowsOf(b1), TableFacts.rowsOf(c1)));
    assertThat(table.currentSnapshot().summary())
        .containsEntry("deleted-data-files", "1")
        .containsEntry("added-data-files", "2")
        .containsEntry("deleted-records", "7")
        .containsEntry("added-records", "6");

    Delivery c2 = Delivery.of(c1.key(), "c2").rows(3);
    assertThat(commit(table, c2)).isInstanceOf(CommitResult.Committed.class);
    assertThat(TableFacts.rows(table))
        .isEqualTo(sorted(TableFacts.rowsOf(a2), TableFacts.rowsOf(b1), TableFacts.rowsOf(c2)));

    // What is left of the shared file: the other key's rows, same day, sorted, still sorted.
    DataFile rest = only(table, b1);
    assertThat(rest.partition().get(0, Integer.class))
        .isEqualTo((int) java.time.LocalDate.parse("2014-03-10").toEpochDay());
    assertThat(rest.sortOrderId()).isEqualTo(table.sortOrder().orderId());
    assertThat(TableFacts.unreferencedDataFiles(servers, table)).isEmpty();
  }

  @Test
  void aSharedFileWrittenUnsortedIsRewrittenUnsortedWithoutTheKeyInTheMiddle() {
    Table table = servers.newTable(MarketTable.TRADES);
    commit(table, a1);
    commit(table, b1);
    commit(table, c1);
    compact(table, false);

    Delivery b2 = Delivery.of(b1.key(), "b2").rows(1);
    assertThat(commit(table, b2)).isInstanceOf(CommitResult.Committed.class);

    assertThat(TableFacts.rows(table))
        .isEqualTo(sorted(TableFacts.rowsOf(a1), TableFacts.rowsOf(b2), TableFacts.rowsOf(c1)));
    List<DataFile> files = TableFacts.dataFiles(table);
    assertThat(files).hasSize(2);
    DataFile rest = files.stream().filter(f -> f.recordCount() == 4).findFirst().orElseThrow();
    assertThat(rest.sortOrderId()).isZero();
    assertThat(rowsIn(table, rest)).isEqualTo(sorted(TableFacts.rowsOf(a1), TableFacts.rowsOf(c1)));
  }

  @Test
  void rowsWithoutASourceFileThatShareTheKeysFileAreKept() {
    Table table = servers.newTable(MarketTable.TRADES);
    commit(table, a1);
    // A row loaded by another tool, without a source_file, compacted into the key's file.
    Record loose = Delivery.row(null, 7);
    DataFile looseFile =
        RecordFileWriter.write(
            table, TableFacts.dataFiles(table).get(0).partition(), List.of(loose), true);
    table.newAppend().appendFile(looseFile).commit();
    compact(table, true);

    Delivery a2 = Delivery.of(a1.key(), "a2").rows(1);
    assertThat(commit(table, a2)).isInstanceOf(CommitResult.Committed.class);

    assertThat(TableFacts.rows(table))
        .isEqualTo(sorted(TableFacts.rowsOf(a2), List.of(TableFacts.describe(loose))));
  }

  @Test
  void boundsThatDoNotProveAFileHoldsOnlyTheKeyMakeItBeReadAndLeaveNoEmptyFile() {
    Table table =
        servers.newTable(
            MarketTable.TRADES, Map.of("write.metadata.metrics.column.source_file", "truncate(8)"));
    commit(table, a1);
    commit(table, b1);
    DataFile bFile = only(table, b1);

    Delivery a2 = Delivery.of(a1.key(), "a2").rows(1);
    assertThat(commit(table, a2)).isInstanceOf(CommitResult.Committed.class);

    assertThat(TableFacts.rows(table))
        .isEqualTo(sorted(TableFacts.rowsOf(a2), TableFacts.rowsOf(b1)));
    // The key's file is dropped and nothing written in its place; the other key's file, read to
    // find none of the key's rows in it, stays as it was.
    assertThat(table.currentSnapshot().summary())
        .containsEntry("deleted-data-files", "1")
        .containsEntry("added-data-files", "1");
    assertThat(TableFacts.paths(TableFacts.dataFiles(table))).contains(bFile.location());
    assertThat(TableFacts.unreferencedDataFiles(servers, table)).isEmpty();
  }

  @Test
  void withoutAnyBoundsEveryFileIsReadAndOnlyTheKeysRowsGo() {
    Table table =
        servers.newTable(
            MarketTable.TRADES,
            Map.of(
                "write.metadata.metrics.default", "none",
                "write.metadata.metrics.column.source_file", "none"));
    commit(table, a1);
    commit(table, b1);
    DataFile bFile = only(table, b1);

    Delivery a2 = Delivery.of(a1.key(), "a2").rows(1);
    assertThat(commit(table, a2)).isInstanceOf(CommitResult.Committed.class);

    assertThat(TableFacts.rows(table))
        .isEqualTo(sorted(TableFacts.rowsOf(a2), TableFacts.rowsOf(b1)));
    assertThat(TableFacts.paths(TableFacts.dataFiles(table))).contains(bFile.location());
    assertThat(TableFacts.unreferencedDataFiles(servers, table)).isEmpty();
  }

  @Test
  void aFileAddedWithoutAnyMetricsIsReadBeforeAnythingIsTakenFromIt() {
    Table table = servers.newTable(MarketTable.TRADES);
    commit(table, a1);
    commit(table, b1);
    // Another writer registered b1's rows with a record count only: nothing bounds its columns.
    DataFile bFile = only(table, b1);
    DataFile bare = copyWithoutMetrics(table, bFile);
    MaintenanceCommitter.replace(
        table, table.currentSnapshot(), List.of(bFile), List.of(bare), "exchange_date=2014-03-10");

    Delivery a2 = Delivery.of(a1.key(), "a2").rows(1);
    assertThat(commit(table, a2)).isInstanceOf(CommitResult.Committed.class);

    assertThat(TableFacts.rows(table))
        .isEqualTo(sorted(TableFacts.rowsOf(a2), TableFacts.rowsOf(b1)));
    assertThat(TableFacts.paths(TableFacts.dataFiles(table))).contains(bare.location());
  }

  @Test
  void aBatchThatCorrectsOneKeyKeepsTheRowsOfAKeyOnAnAppendingRoute() {
    Table table = servers.newTable(MarketTable.TRADES);
    Delivery b1Appending = b1.corrections(Corrections.APPEND);
    commit(table, a1);
    commit(table, b1Appending);

    Delivery a2 = Delivery.of(a1.key(), "a2").rows(1);
    Delivery b2 = Delivery.of(b1.key(), "b2").corrections(Corrections.APPEND).rows(1);
    StagedObject a2Staged = a2.stage(table);
    StagedObject b2Staged = b2.stage(table);
    Map<StagedObject, CommitResult> results = committer.commit(table, List.of(a2Staged, b2Staged));

    assertThat(results.values()).allMatch(r -> r instanceof CommitResult.Committed);
    assertThat(TableFacts.rows(table))
        .isEqualTo(sorted(TableFacts.rowsOf(a2), TableFacts.rowsOf(b1), TableFacts.rowsOf(b2)));
  }

  private CommitResult commit(Table table, Delivery delivery) {
    StagedObject staged = delivery.stage(table);
    return committer.commit(table, List.of(staged)).get(staged);
  }

  private static DataFile only(Table table, Delivery delivery) {
    String uri = delivery.source().uri();
    List<DataFile> matching =
        TableFacts.dataFiles(table).stream()
            .filter(f -> rowsIn(table, f).stream().allMatch(r -> r.startsWith(uri + "#")))
            .toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  private static List<String> rowsIn(Table table, DataFile file) {
    List<String> rows = new ArrayList<>();
    try (CloseableIterable<Record> read =
        Parquet.read(table.io().newInputFile(file.location()))
            .project(table.schema())
            .createReaderFunc(s -> GenericParquetReaders.buildReader(table.schema(), s))
            .build()) {
      read.forEach(r -> rows.add(TableFacts.describe(r)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows.stream().sorted().toList();
  }

  private static DataFile copyWithoutMetrics(Table table, DataFile file) {
    String copy = file.location().replace(".parquet", "-copy.parquet");
    try (InputStream in = table.io().newInputFile(file.location()).newStream();
        OutputStream out = table.io().newOutputFile(copy).create()) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return DataFiles.builder(table.spec())
        .withPath(copy)
        .withFormat(FileFormat.PARQUET)
        .withPartition(file.partition())
        .withFileSizeInBytes(file.fileSizeInBytes())
        .withRecordCount(file.recordCount())
        .build();
  }

  /** What a maintenance compaction does: the day's files as one file. */
  private static void compact(Table table, boolean sorted) {
    table.refresh();
    List<DataFile> inputs = TableFacts.dataFiles(table);
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
      read.forEach(r -> rows.add(r.copy()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    rows.sort(
        Comparator.comparing((Record r) -> r.getField("exchange_timestamp").toString())
            .thenComparing(r -> (Long) r.getField("sequence_number")));
    DataFile compacted = RecordFileWriter.write(table, inputs.get(0).partition(), rows, sorted);
    MaintenanceCommitter.replace(
        table, table.currentSnapshot(), inputs, List.of(compacted), "exchange_date=2014-03-10");
  }

  @SafeVarargs
  private static List<String> sorted(List<String>... parts) {
    return Stream.of(parts).flatMap(List::stream).sorted().toList();
  }
}
