package io.k2.ingest.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.config.K2Config.Corrections;
import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.support.IcebergServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A batch of staged objects against a real catalog: one answer each, in the batch's order; what
 * repeats within the batch; what the table already holds; the files of what is not committed.
 */
class TableCommitterBatchTest {

  @RegisterExtension static final IcebergServers servers = IcebergServers.start();
  private final KeyHistory history = new KeyHistory(Duration.ofDays(1));
  private final VersionCheck check = new VersionCheck(history, true);
  private final TableCommitter committer =
      new TableCommitter(new AppendCommitter(history, true), check, history);

  private final Delivery a1 = Delivery.of("asx/trades/1.csv", "a1");
  private final Delivery b1 = Delivery.of("asx/trades/2.csv", "b1");

  @Test
  void answersComeInTheBatchsOrderAndARepeatNamesTheSnapshotOfWhatItRepeats() {
    Table table = servers.newTable(MarketTable.TRADES);
    StagedObject a = a1.stage(table, 1);
    StagedObject b = b1.stage(table, 1);
    StagedObject aAgain = a1.stage(table, 2);

    Map<StagedObject, CommitResult> results = committer.commit(table, List.of(a, b, aAgain));

    assertThat(new ArrayList<>(results.keySet())).containsExactly(a, b, aAgain);
    long snapshot = ((CommitResult.Committed) results.get(a)).snapshotId();
    assertThat(results.get(aAgain))
        .isInstanceOfSatisfying(
            CommitResult.Duplicate.class,
            d -> {
              assertThat(d.snapshotId()).isEqualTo(snapshot);
              assertThat(d.reason()).isEqualTo("repeated in this batch");
            });
    assertThat(aAgain.files().dataFiles()).noneMatch(f -> TableFacts.exists(table, f));
    assertThat(table.currentSnapshot().operation()).isEqualTo("append");
    assertThat(TableFacts.rows(table)).hasSize(a1.rows() + b1.rows());
  }

  @Test
  void aRepeatOfAnObjectThatWasNotCommittedNamesNoSnapshot() {
    Table table = servers.newTable(MarketTable.TRADES);
    commit(table, a1);
    StagedObject a = a1.stage(table, 2);
    StagedObject aAgain = a1.stage(table, 3);

    Map<StagedObject, CommitResult> results = committer.commit(table, List.of(a, aAgain));

    assertThat(results.get(a)).isInstanceOf(CommitResult.Duplicate.class);
    assertThat(results.get(aAgain))
        .isInstanceOfSatisfying(
            CommitResult.Duplicate.class, d -> assertThat(d.snapshotId()).isNull());
    assertThat(a.files().dataFiles()).noneMatch(f -> TableFacts.exists(table, f));
    assertThat(aAgain.files().dataFiles()).noneMatch(f -> TableFacts.exists(table, f));
  }

  @Test
  void theSameRowsTwiceInABatchAreOneDuplicateOnlyWhenSuchDuplicatesAreSkipped() {
    Table table = servers.newTable(MarketTable.TRADES);
    Delivery copy = Delivery.of("asx/trades/copy.csv", "a1").rowsId(a1.rowsId());
    StagedObject a = a1.stage(table);
    StagedObject c = copy.stage(table);

    Map<StagedObject, CommitResult> results = committer.commit(table, List.of(a, c));

    long snapshot = ((CommitResult.Committed) results.get(a)).snapshotId();
    assertThat(results.get(c))
        .isInstanceOfSatisfying(
            CommitResult.Duplicate.class,
            d -> {
              assertThat(d.snapshotId()).isEqualTo(snapshot);
              assertThat(d.reason())
                  .isEqualTo("same content as s3://landing/asx/trades/1.csv in this batch");
            });
    assertThat(c.files().dataFiles()).noneMatch(f -> TableFacts.exists(table, f));

    Table other = servers.newTable(MarketTable.TRADES);
    TableCommitter keepsCopies =
        new TableCommitter(
            new AppendCommitter(history, false), new VersionCheck(history, false), history);
    Map<StagedObject, CommitResult> both =
        keepsCopies.commit(other, List.of(a1.stage(other), copy.stage(other)));
    assertThat(both.values()).allMatch(r -> r instanceof CommitResult.Committed);
    assertThat(TableFacts.rows(other)).hasSize(2 * a1.rows());
  }

  @Test
  void ofTwoVersionsOfAKeyInABatchTheLaterBySequencerIsCommittedWhereverItComes() {
    Table table = servers.newTable(MarketTable.TRADES);
    StagedObject earlier = Delivery.of(a1.key(), "v1").sequencer("0100").rows(1).stage(table);
    StagedObject later = Delivery.of(a1.key(), "v2").sequencer("0200").rows(3).stage(table);

    Map<StagedObject, CommitResult> results = committer.commit(table, List.of(earlier, later));

    assertThat(results.get(earlier)).isInstanceOf(CommitResult.Superseded.class);
    assertThat(results.get(later)).isInstanceOf(CommitResult.Committed.class);
    assertThat(TableFacts.rows(table)).hasSize(3);
    assertThat(earlier.files().dataFiles()).noneMatch(f -> TableFacts.exists(table, f));
  }

  @Test
  void withoutAnOrderBetweenTwoVersionsTheOneDeliveredLastIsCommitted() {
    for (String sequencer : new String[] {null, "0100"}) {
      Table table = servers.newTable(MarketTable.TRADES);
      StagedObject first = Delivery.of(a1.key(), "v1").sequencer(sequencer).rows(1).stage(table);
      StagedObject last = Delivery.of(a1.key(), "v2").sequencer(sequencer).rows(3).stage(table);

      Map<StagedObject, CommitResult> results = committer.commit(table, List.of(first, last));

      assertThat(results.get(first)).isInstanceOf(CommitResult.Superseded.class);
      assertThat(results.get(last)).isInstanceOf(CommitResult.Committed.class);
      assertThat(TableFacts.rows(table)).hasSize(3);
    }
  }

  @Test
  void whatTheTableHoldsIsNotCommittedAgainAndItsFilesAreDeleted() {
    Table table = servers.newTable(MarketTable.TRADES);
    long snapshot = commit(table, a1);

    assertThat(check.beforeReading(table, a1.identity(), null, Corrections.REPLACE))
        .get()
        .isEqualTo(
            new CommitResult.Duplicate(
                snapshot, "a1-sha", "already committed in snapshot " + snapshot));
    StagedObject again = a1.stage(table, 2);
    assertThat(committer.commit(table, List.of(again)).get(again))
        .isInstanceOf(CommitResult.Duplicate.class);
    assertThat(again.files().dataFiles()).noneMatch(f -> TableFacts.exists(table, f));

    // The same bytes as the key's current version under a new version id: nothing changes.
    StagedObject sameBytes = Delivery.of(a1.key(), "a1-copy").rowsId(a1.rowsId()).stage(table);
    assertThat(committer.commit(table, List.of(sameBytes)).get(sameBytes))
        .isEqualTo(
            new CommitResult.Duplicate(
                snapshot, "a1-copy-sha", "same content already committed in snapshot " + snapshot));
    assertThat(TableFacts.rows(table)).hasSize(a1.rows());
  }

  @Test
  void aReplacedVersionDeliveredAgainIsSupersededAndItsRowsDoNotComeBack() {
    Table table = servers.newTable(MarketTable.TRADES);
    commit(table, a1);
    Delivery a2 = Delivery.of(a1.key(), "a2").rows(1);
    long replacing = commit(table, a2);

    StagedObject old = a1.stage(table, 2);
    assertThat(committer.commit(table, List.of(old)).get(old))
        .isInstanceOfSatisfying(
            CommitResult.Superseded.class, s -> assertThat(s.snapshotId()).isEqualTo(replacing));
    assertThat(TableFacts.rows(table)).containsExactlyElementsOf(TableFacts.rowsOf(a2));
  }

  @Test
  void onlyAStrictlyOlderSequencerSupersedes() {
    Table table = servers.newTable(MarketTable.TRADES);
    commit(table, a1.sequencer("0200"));

    assertThat(check.beforeReading(table, identity("a0"), "0100", Corrections.REPLACE))
        .get()
        .isInstanceOf(CommitResult.Superseded.class);
    assertThat(check.beforeReading(table, identity("a2"), "0200", Corrections.REPLACE)).isEmpty();
  }

  @Test
  void aCorrectionNamesWhatItReplacedAndIsNamedInItsSnapshot() {
    Table table = servers.newTable(MarketTable.TRADES);
    commit(table, a1);
    Delivery a2 = Delivery.of(a1.key(), "a2").versionId("version-2").rows(1);
    commit(table, a2);
    Delivery a3 = Delivery.of(a1.key(), "a3").rows(1);
    StagedObject staged = a3.stage(table);

    long before = System.nanoTime();
    CommitResult result = committer.commit(table, List.of(staged)).get(staged);
    long elapsed = (System.nanoTime() - before) / 1_000_000;

    long second = table.snapshot(table.currentSnapshot().parentId()).snapshotId();
    assertThat(result)
        .isInstanceOfSatisfying(
            CommitResult.Committed.class,
            c -> {
              assertThat(c.replaced())
                  .isEqualTo(new CommitResult.Replaced(second, List.of("version-2")));
              assertThat(c.retries()).isZero();
              assertThat(c.millis()).isPositive().isLessThanOrEqualTo(elapsed);
            });
    assertThat(table.currentSnapshot().operation()).isEqualTo("overwrite");
    assertThat(SnapshotSummary.entries(table.currentSnapshot()))
        .containsExactly(
            new SnapshotSummary.Entry(
                a3.source().keyId(), a3.source().id(), null, a3.rowsId(), true));
  }

  @Test
  void aReplacedVersionWithoutAVersionIdIsNamedByItsETag() {
    Table table = servers.newTable(MarketTable.TRADES);
    long first = commit(table, a1);
    StagedObject a2 = Delivery.of(a1.key(), "a2").stage(table);

    assertThat(committer.commit(table, List.of(a2)).get(a2))
        .isInstanceOfSatisfying(
            CommitResult.Committed.class,
            c ->
                assertThat(c.replaced())
                    .isEqualTo(new CommitResult.Replaced(first, List.of("etag:a1"))));
  }

  @Test
  void aCommitDeletesTheFilesEarlierAttemptsAtTheSameVersionLeftAndNoOthers() {
    Table table = servers.newTable(MarketTable.TRADES);
    StagedObject failedAttempt = a1.stage(table, 1);
    StagedObject otherObject = b1.stage(table, 1);
    StagedObject attempt = a1.stage(table, 2);

    assertThat(committer.commit(table, List.of(attempt)).get(attempt))
        .isInstanceOf(CommitResult.Committed.class);

    assertThat(failedAttempt.files().dataFiles()).noneMatch(f -> TableFacts.exists(table, f));
    assertThat(attempt.files().dataFiles()).allMatch(f -> TableFacts.exists(table, f));
    assertThat(otherObject.files().dataFiles()).allMatch(f -> TableFacts.exists(table, f));
  }

  private long commit(Table table, Delivery delivery) {
    StagedObject staged = delivery.stage(table);
    CommitResult result = committer.commit(table, List.of(staged)).get(staged);
    assertThat(result).isInstanceOf(CommitResult.Committed.class);
    return ((CommitResult.Committed) result).snapshotId();
  }

  private static io.k2.ingest.source.SourceIdentity identity(String eTag) {
    return Delivery.of("asx/trades/1.csv", eTag).identity();
  }
}
