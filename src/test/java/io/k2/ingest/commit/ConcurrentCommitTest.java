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
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Commits that meet another writer's commit on their way to the catalog, a broken connection or
 * refusing storage: each object still gets one true answer, and no file is left that nothing names,
 * unless the outcome is unknown.
 */
class ConcurrentCommitTest {

  @RegisterExtension static final IcebergServers servers = IcebergServers.start();
  private final KeyHistory history = new KeyHistory(Duration.ofDays(1));
  private final AppendCommitter appender = new AppendCommitter(history, true);
  private final TableCommitter committer =
      new TableCommitter(appender, new VersionCheck(history, true), history);

  private final Delivery a1 = Delivery.of("asx/trades/1.csv", "a1").rows(2);
  private final Delivery b1 = Delivery.of("asx/trades/2.csv", "b1").rows(3);

  @Test
  void anAppendThatMeetsAnotherKeysCommitIsRetriedAndCommits() {
    Table table = servers.newTable(MarketTable.TRADES);
    InterferingTable mine =
        new InterferingTable(table)
            .beforeCommit(n -> firstOnly(n, () -> commitElsewhere(table, b1)));
    StagedObject a = a1.stage(table);

    long before = System.nanoTime();
    CommitResult result = committer.commit(mine.table(), List.of(a)).get(a);
    long elapsed = (System.nanoTime() - before) / 1_000_000;

    assertThat(result)
        .isInstanceOfSatisfying(
            CommitResult.Committed.class,
            c -> {
              assertThat(c.retries()).isEqualTo(1);
              assertThat(c.millis()).isPositive().isLessThanOrEqualTo(elapsed);
            });
    assertThat(TableFacts.rows(table))
        .containsExactlyInAnyOrderElementsOf(concat(TableFacts.rowsOf(a1), TableFacts.rowsOf(b1)));
  }

  @Test
  void anAppendThatMeetsACommitOfTheSameObjectIsRefusedNamingItAndTheSnapshot() {
    Table table = servers.newTable(MarketTable.TRADES);
    AtomicLong theirs = new AtomicLong();
    InterferingTable mine =
        new InterferingTable(table)
            .beforeCommit(n -> firstOnly(n, () -> theirs.set(commitElsewhere(table, a1))));
    SourceObject source = a1.source();

    CommitOutcome outcome =
        appender.append(mine.table(), a1.stage(table, 2).files().dataFiles(), List.of(source));

    assertThat(outcome.committed()).isFalse();
    assertThat(outcome.snapshotId()).isEqualTo(theirs.get());
    assertThat(outcome.conflictingSourceId()).isEqualTo(source.id());
    assertThat(outcome.retries()).isEqualTo(1);
    assertThat(TableFacts.rows(table)).hasSize(a1.rows());
  }

  @Test
  void theTableCommitterAnswersARefusedObjectAsTheDuplicateItIsAndDeletesItsFiles() {
    Table table = servers.newTable(MarketTable.TRADES);
    AtomicLong theirs = new AtomicLong();
    InterferingTable mine =
        new InterferingTable(table)
            .beforeCommit(n -> firstOnly(n, () -> theirs.set(commitElsewhere(table, a1))));
    StagedObject again = a1.stage(table, 2);

    CommitResult result = committer.commit(mine.table(), List.of(again)).get(again);

    assertThat(result)
        .isInstanceOfSatisfying(
            CommitResult.Duplicate.class, d -> assertThat(d.snapshotId()).isEqualTo(theirs.get()));
    assertThat(again.files().dataFiles()).noneMatch(f -> TableFacts.exists(table, f));
    assertThat(TableFacts.rows(table)).hasSize(a1.rows());
  }

  @Test
  void theValidatorRefusesAnAppendNamingTheObjectAndTheSnapshotThatHoldsIt() {
    Table table = servers.newTable(MarketTable.TRADES);
    commit(table, a1);
    long holder = table.currentSnapshot().snapshotId();
    Delivery sameRows = b1.rowsId(a1.rowsId());
    DataFile file = b1.stage(table).files().dataFiles().get(0);

    // The same key: refused, whatever the rows.
    NotYetCommittedValidator sameKey =
        new NotYetCommittedValidator(List.of(Delivery.of(a1.key(), "a9").source()), false, -1, 0);
    assertThatThrownBy(() -> table.newAppend().appendFile(file).validateWith(sameKey).commit())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(
            "object s3://landing/asx/trades/1.csv changed concurrently in snapshot " + holder);
    // The same rows under another key: refused only when such duplicates are skipped.
    NotYetCommittedValidator rowsMatter =
        new NotYetCommittedValidator(List.of(sameRows.source()), true, -1, 0);
    assertThatThrownBy(() -> table.newAppend().appendFile(file).validateWith(rowsMatter).commit())
        .hasMessageContaining("object s3://landing/asx/trades/2.csv changed concurrently");
    NotYetCommittedValidator rowsIgnored =
        new NotYetCommittedValidator(List.of(sameRows.source()), false, -1, 0);
    table.newAppend().appendFile(file).validateWith(rowsIgnored).commit();
    assertThat(TableFacts.rows(table)).hasSize(a1.rows() + b1.rows());
  }

  @Test
  void aCommitThatDefinitelyFailedIsAFailureAndLeavesNoFileBehind() {
    Table table = servers.newTable(MarketTable.TRADES, Map.of("commit.retry.num-retries", "0"));
    InterferingTable mine =
        new InterferingTable(table)
            .beforeCommit(n -> firstOnly(n, () -> commitElsewhere(table, b1)));
    StagedObject a = a1.stage(table);

    CommitResult result = committer.commit(mine.table(), List.of(a)).get(a);

    assertThat(result)
        .isInstanceOfSatisfying(
            CommitResult.Failed.class,
            f -> assertThat(f.cause()).isInstanceOf(CommitFailedException.class));
    assertThat(a.files().dataFiles()).noneMatch(f -> TableFacts.exists(table, f));
    assertThat(TableFacts.rows(table)).containsExactlyInAnyOrderElementsOf(TableFacts.rowsOf(b1));
  }

  @Test
  void aCommitWhoseOutcomeIsUnknownKeepsItsFilesAndItsRedeliveryFindsItCommitted() {
    Table table = servers.newTable(MarketTable.TRADES);
    InterferingTable mine =
        new InterferingTable(table)
            .afterCommitThrow(
                new CommitStateUnknownException(new RuntimeException("connection reset")));
    StagedObject first = a1.stage(table, 1);

    CommitResult result = committer.commit(mine.table(), List.of(first)).get(first);

    assertThat(result)
        .isInstanceOfSatisfying(
            CommitResult.Failed.class,
            f -> assertThat(f.cause()).isInstanceOf(CommitStateUnknownException.class));
    assertThat(first.files().dataFiles()).allMatch(f -> TableFacts.exists(table, f));
    long landed = servers.reload(table).currentSnapshot().snapshotId();

    StagedObject second = a1.stage(table, 2);
    assertThat(committer.commit(table, List.of(second)).get(second))
        .isInstanceOfSatisfying(
            CommitResult.Duplicate.class, d -> assertThat(d.snapshotId()).isEqualTo(landed));
    assertThat(first.files().dataFiles()).allMatch(f -> TableFacts.exists(table, f));
    assertThat(TableFacts.rows(table)).containsExactlyInAnyOrderElementsOf(TableFacts.rowsOf(a1));
  }

  @Test
  void aCommitWhoseLedgerEntryCannotBeWrittenFailsAndItsRedeliveryRecordsIt() {
    Table table = servers.newTable(MarketTable.TRADES);
    InterferingTable mine =
        new InterferingTable(table).refuseWrites(path -> path.contains("/_k2_ledger/"));
    StagedObject a = a1.stage(table);

    CommitResult result = committer.commit(mine.table(), List.of(a)).get(a);

    long snapshot = servers.reload(table).currentSnapshot().snapshotId();
    assertThat(result)
        .isInstanceOfSatisfying(
            CommitResult.Failed.class,
            f ->
                assertThat(f.cause())
                    .hasMessage(
                        "committed in snapshot "
                            + snapshot
                            + " but not recorded in the ledger; redelivery records it"));
    assertThat(TableFacts.rows(table)).containsExactlyInAnyOrderElementsOf(TableFacts.rowsOf(a1));
    assertThat(VersionLedger.latest(table, a1.source().keyId())).isEmpty();

    StagedObject again = a1.stage(table, 2);
    assertThat(committer.commit(table, List.of(again)).get(again))
        .isInstanceOf(CommitResult.Duplicate.class);
    assertThat(VersionLedger.latest(table, a1.source().keyId()))
        .get()
        .satisfies(s -> assertThat(s.snapshotId()).isEqualTo(snapshot));
  }

  @Test
  void aLookupThatStorageRefusesFailsTheBatchWithStoragesOwnError() {
    Table table = servers.newTable(MarketTable.TRADES);
    InterferingTable mine =
        new InterferingTable(table).refuseListings(prefix -> prefix.contains("/_k2_ledger/"));
    List<StagedObject> batch = List.of(a1.stage(table), b1.stage(table));

    assertThatThrownBy(() -> committer.commit(mine.table(), batch))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("storage refused");
  }

  @Test
  void aCorrectionThatMeetsTheSameRowsUnderAnotherKeyIsPlannedAgain() {
    Table table = servers.newTable(MarketTable.TRADES);
    commit(table, a1);
    commit(table, b1);
    compactIntoOneFile(table);
    Delivery a2 = Delivery.of(a1.key(), "a2").rows(1);
    Delivery c = Delivery.of("asx/trades/3.csv", "c1").rowsId(a2.rowsId()).rows(1);
    InterferingTable mine =
        new InterferingTable(table)
            .beforeCommit(n -> firstOnly(n, () -> commitElsewhere(table, c)));
    StagedObject staged = a2.stage(table);

    CommitResult result = committer.commit(mine.table(), List.of(staged)).get(staged);

    // Iceberg retried once and found the rows committed meanwhile; the committer planned again.
    assertThat(result)
        .isInstanceOfSatisfying(
            CommitResult.Committed.class, r -> assertThat(r.retries()).isEqualTo(2));
    assertThat(TableFacts.rows(table))
        .containsExactlyInAnyOrderElementsOf(
            concat(TableFacts.rowsOf(a2), TableFacts.rowsOf(b1), TableFacts.rowsOf(c)));
    assertThat(TableFacts.unreferencedDataFiles(servers, table)).isEmpty();
  }

  @Test
  void aCorrectionThatMeetsNewRowsOfItsKeyIsPlannedAgainAndReplacesThemToo() {
    Table table = servers.newTable(MarketTable.TRADES);
    commit(table, a1);
    commit(table, b1);
    compactIntoOneFile(table);
    Delivery concurrent = Delivery.of(a1.key(), "a2").rows(3);
    InterferingTable mine =
        new InterferingTable(table)
            .beforeCommit(n -> firstOnly(n, () -> commitElsewhere(table, concurrent)));
    Delivery a3 = Delivery.of(a1.key(), "a3").rows(1);
    StagedObject staged = a3.stage(table);

    CommitResult result = committer.commit(mine.table(), List.of(staged)).get(staged);

    assertThat(result)
        .isInstanceOfSatisfying(
            CommitResult.Committed.class, r -> assertThat(r.retries()).isEqualTo(1));
    assertThat(TableFacts.rows(table))
        .containsExactlyInAnyOrderElementsOf(concat(TableFacts.rowsOf(a3), TableFacts.rowsOf(b1)));
    assertThat(TableFacts.unreferencedDataFiles(servers, table)).isEmpty();
  }

  @Test
  void aCorrectionWhoseKeyKeepsChangingGivesUpAfterTwentyPlansAndLeavesNoFileOfItsOwn() {
    Table table = servers.newTable(MarketTable.TRADES);
    commit(table, a1);
    // Before each of this client's commits, another writer adds a new version of the same key.
    InterferingTable mine =
        new InterferingTable(table)
            .beforeCommit(n -> commitElsewhere(table, Delivery.of(a1.key(), "c" + n).rows(1)));
    StagedObject staged = Delivery.of(a1.key(), "a2").rows(1).stage(table);

    CommitResult result = committer.commit(mine.table(), List.of(staged)).get(staged);

    assertThat(result)
        .isInstanceOfSatisfying(
            CommitResult.Failed.class,
            f ->
                assertThat(f.cause())
                    .isInstanceOf(CommitFailedException.class)
                    .hasMessage("keys kept changing: gave up after 20 plans"));
    assertThat(mine.commits()).isEqualTo(20);
    assertThat(staged.files().dataFiles()).noneMatch(f -> TableFacts.exists(table, f));
    assertThat(TableFacts.unreferencedDataFiles(servers, table)).isEmpty();
  }

  @Test
  void aCorrectionThatDefinitelyFailedDeletesTheFileItRewroteWithoutItsKey() {
    Table table = servers.newTable(MarketTable.TRADES, Map.of("commit.retry.num-retries", "0"));
    commit(table, a1);
    commit(table, b1);
    compactIntoOneFile(table);
    InterferingTable mine =
        new InterferingTable(table)
            .beforeCommit(
                n ->
                    firstOnly(
                        n, () -> commitElsewhere(table, Delivery.of("asx/trades/3.csv", "c1"))));
    StagedObject staged = Delivery.of(a1.key(), "a2").rows(1).stage(table);

    CommitResult result = committer.commit(mine.table(), List.of(staged)).get(staged);

    assertThat(result)
        .isInstanceOfSatisfying(
            CommitResult.Failed.class,
            f -> assertThat(f.cause()).isInstanceOf(CommitFailedException.class));
    // The compacted file was rewritten without a1's rows before the commit failed; that file and
    // the staged one are gone, and the table still holds a1 and b1 as they were.
    assertThat(TableFacts.unreferencedDataFiles(servers, table)).isEmpty();
    assertThat(TableFacts.rows(table))
        .containsExactlyInAnyOrderElementsOf(
            concat(
                TableFacts.rowsOf(a1),
                TableFacts.rowsOf(b1),
                TableFacts.rowsOf(Delivery.of("asx/trades/3.csv", "c1"))));
  }

  @Test
  void aTableLoadedBeforeAnotherCommitIsPlannedOnTheCurrentSnapshot() {
    Table table = servers.newTable(MarketTable.TRADES);
    Table stale = servers.reload(table);
    commit(table, a1);
    Delivery a2 = Delivery.of(a1.key(), "a2").rows(1);
    StagedObject staged = a2.stage(stale);

    CommitResult result = committer.commit(stale, List.of(staged)).get(staged);

    assertThat(result)
        .isInstanceOfSatisfying(
            CommitResult.Committed.class,
            c -> {
              assertThat(c.retries()).isZero();
              assertThat(c.replaced()).isNotNull();
            });
    assertThat(TableFacts.rows(table)).containsExactlyElementsOf(TableFacts.rowsOf(a2));
  }

  private void commit(Table table, Delivery delivery) {
    StagedObject staged = delivery.stage(table);
    assertThat(committer.commit(table, List.of(staged)).get(staged))
        .isInstanceOf(CommitResult.Committed.class);
  }

  /**
   * Commits {@code delivery} through a client of its own, as another invocation would, whatever the
   * key held; returns its snapshot.
   */
  private long commitElsewhere(Table table, Delivery delivery) {
    Table theirs = servers.reload(table);
    long base = theirs.currentSnapshot() == null ? 0 : theirs.currentSnapshot().sequenceNumber();
    CommitOutcome outcome =
        new AppendCommitter(history, true)
            .append(
                theirs,
                delivery.stage(theirs, 9).files().dataFiles(),
                List.of(delivery.source()),
                base);
    assertThat(outcome.committed()).isTrue();
    return outcome.snapshotId();
  }

  private static void firstOnly(int commit, Runnable action) {
    if (commit == 1) {
      action.run();
    }
  }

  /** What a maintenance compaction does: every data file of the day as one sorted file. */
  static void compactIntoOneFile(Table table) {
    table.refresh();
    List<DataFile> inputs = TableFacts.dataFiles(table);
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
      read.forEach(r -> rows.add(r.copy()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DataFile compacted = RecordFileWriter.write(table, inputs.get(0).partition(), rows, false);
    MaintenanceCommitter.replace(
        table, table.currentSnapshot(), inputs, List.of(compacted), "exchange_date=2014-03-10");
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
