package io.k2.ingest.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.support.IcebergServers;
import io.k2.ingest.write.RecordFileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The maintenance function's commits and the load history's append, against a real catalog. */
class MaintenanceCommitterTest {

  @RegisterExtension static final IcebergServers servers = IcebergServers.start();
  private final KeyHistory history = new KeyHistory(Duration.ofDays(1));
  private final TableCommitter committer =
      new TableCommitter(
          new AppendCommitter(history, true), new VersionCheck(history, true), history);

  private final Delivery a1 = Delivery.of("asx/trades/1.csv", "a1").rows(2);
  private final Delivery b1 = Delivery.of("asx/trades/2.csv", "b1").rows(3);

  @Test
  void aCompactionSwapsTheFilesInOneReplaceKeepingRowsAndThePlannedSequenceNumber() {
    Table table = servers.newTable(MarketTable.TRADES);
    commit(table, a1);
    commit(table, b1);
    Snapshot planned = table.currentSnapshot();
    List<DataFile> inputs = TableFacts.dataFiles(table);
    DataFile compacted =
        RecordFileWriter.write(table, inputs.get(0).partition(), rows(table), true);
    Delivery c1 = Delivery.of("asx/trades/3.csv", "c1").rows(1);
    commit(table, c1); // committed meanwhile: kept

    MaintenanceCommitter.replace(table, planned, inputs, List.of(compacted), "exchange_date=x");

    Snapshot replace = servers.reload(table).currentSnapshot();
    assertThat(replace.operation()).isEqualTo("replace");
    assertThat(replace.summary())
        .containsEntry(MaintenanceCommitter.COMPACTED_PARTITION, "exchange_date=x")
        .containsEntry("deleted-data-files", "2")
        .containsEntry("added-data-files", "1");
    assertThat(TableFacts.rows(table))
        .containsExactlyInAnyOrderElementsOf(
            concat(TableFacts.rowsOf(a1), TableFacts.rowsOf(b1), TableFacts.rowsOf(c1)));
    assertThat(replace.addedDataFiles(table.io()))
        .singleElement()
        .satisfies(f -> assertThat(f.dataSequenceNumber()).isEqualTo(planned.sequenceNumber()));
  }

  @Test
  void aCompactionWhoseInputWasReplacedMeanwhileIsRefused() {
    Table table = servers.newTable(MarketTable.TRADES);
    commit(table, a1);
    Snapshot planned = table.currentSnapshot();
    List<DataFile> inputs = TableFacts.dataFiles(table);
    DataFile compacted =
        RecordFileWriter.write(table, inputs.get(0).partition(), rows(table), true);
    commit(table, Delivery.of(a1.key(), "a2").rows(1));

    assertThatThrownBy(
            () ->
                MaintenanceCommitter.replace(
                    table, planned, inputs, List.of(compacted), "exchange_date=x"))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void expiryKeepsTheNewestSnapshotsAndDeletesFilesOnlyExpiredOnesReached() {
    Table table = servers.newTable(MarketTable.TRADES);
    commit(table, a1);
    DataFile replacedFile = TableFacts.dataFiles(table).get(0);
    commit(table, Delivery.of(a1.key(), "a2").rows(1));
    commit(table, b1);
    long now = System.currentTimeMillis() + 1;

    MaintenanceCommitter.expireSnapshots(table, now, 2);
    assertThat(servers.reload(table).snapshots()).hasSize(2);

    MaintenanceCommitter.expireSnapshots(table, now, 1);
    assertThat(servers.reload(table).snapshots()).hasSize(1);
    assertThat(TableFacts.exists(table, replacedFile)).isFalse();
    assertThat(TableFacts.dataFiles(table)).allMatch(f -> TableFacts.exists(table, f));

    MaintenanceCommitter.expireSnapshots(table, 0, 1);
    assertThat(servers.reload(table).snapshots()).hasSize(1);
  }

  @Test
  void smallManifestsAreRewrittenIntoOneAndLargerOnesLeftAlone() {
    Table table = servers.newTable(MarketTable.TRADES);
    commit(table, a1);
    commit(table, b1);
    commit(table, Delivery.of("asx/trades/3.csv", "c1"));
    List<ManifestFile> three = manifests(table);
    assertThat(three).hasSize(3);
    long smallest = three.stream().mapToLong(ManifestFile::length).min().orElseThrow();

    MaintenanceCommitter.rewriteManifests(table, smallest);
    assertThat(manifests(table))
        .extracting(ManifestFile::path)
        .containsExactlyInAnyOrderElementsOf(three.stream().map(ManifestFile::path).toList());

    MaintenanceCommitter.rewriteManifests(table, Long.MAX_VALUE);
    assertThat(manifests(table)).hasSize(1);
    assertThat(TableFacts.rows(table)).hasSize(a1.rows() + b1.rows() + 2);
  }

  @Test
  void theLoadHistoryIsAppendedAsItIsWithTheInvocationInItsSummary() {
    Table table = servers.newTable(MarketTable.TRADES);
    DataFile file = a1.stage(table).files().dataFiles().get(0);

    long snapshot = new LogCommitter().append(table, file, "invocation-1");

    Snapshot current = servers.reload(table).currentSnapshot();
    assertThat(current.snapshotId()).isEqualTo(snapshot);
    assertThat(current.operation()).isEqualTo("append");
    assertThat(current.summary()).containsEntry(LogCommitter.INVOCATION_ID, "invocation-1");
    assertThat(TableFacts.rows(table)).containsExactlyInAnyOrderElementsOf(TableFacts.rowsOf(a1));
  }

  private static List<ManifestFile> manifests(Table table) {
    table.refresh();
    return table.currentSnapshot().dataManifests(table.io());
  }

  private void commit(Table table, Delivery delivery) {
    StagedObject staged = delivery.stage(table);
    assertThat(committer.commit(table, List.of(staged)).get(staged))
        .isInstanceOf(CommitResult.Committed.class);
  }

  private static List<Record> rows(Table table) {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
      read.forEach(r -> rows.add(r.copy()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> part : parts) {
      all.addAll(part);
    }
    return all;
  }
}
