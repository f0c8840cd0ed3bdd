package io.k2.ingest.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k2.ingest.config.K2Config.Corrections;
import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.support.IcebergServers;
import java.time.Duration;
import java.util.List;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a table holds of a key across its snapshots and its ledger: the snapshots recent enough,
 * laid over the ledger's entry, and the ledger once the snapshots have expired.
 */
class KeyHistoryTest {

  @RegisterExtension static final IcebergServers servers = IcebergServers.start();
  private final KeyHistory history = new KeyHistory(Duration.ofDays(1));
  private final TableCommitter committer =
      new TableCommitter(
          new AppendCommitter(history, true), new VersionCheck(history, true), history);

  private final Delivery a1 = Delivery.of("asx/trades/1.csv", "a1");
  private final Delivery b1 = Delivery.of("asx/trades/2.csv", "b1");

  @Test
  void aKeyNeverCommittedHasNoStateAndLookingItUpWritesNothing() {
    Table table = servers.newTable(MarketTable.TRADES);
    commit(table, a1);
    commit(table, b1);
    String unknown = SourceObject.keyIdOf("landing", "asx/trades/9.csv");

    assertThat(history.stateOf(table, unknown).isEmpty()).isTrue();
    assertThat(servers.keysUnder(ledgerKeys(table) + unknown + "/")).isEmpty();
  }

  @Test
  void theCommittersLedgerEntryIsTheKeysStateAsItWasCommitted() {
    Table table = servers.newTable(MarketTable.TRADES);
    long snapshot = commit(table, a1);

    KeyState state = history.stateOf(table, a1.source().keyId());

    assertThat(state.current())
        .containsExactly(
            new KeyState.Version(
                a1.source().id(), a1.rowsId(), null, "a1-sha", "etag:a1", snapshot));
    assertThat(state.snapshotId()).isEqualTo(snapshot);
  }

  @Test
  void aKeysVersionsAddUpOnAnAppendingRouteAndAreReplacedByACorrection() {
    Table table = servers.newTable(MarketTable.TRADES);
    Delivery v1 = a1.corrections(Corrections.APPEND);
    Delivery v2 = Delivery.of(a1.key(), "a2").corrections(Corrections.APPEND);
    Delivery v3 = Delivery.of(a1.key(), "a3");
    commit(table, v1);
    commit(table, v2);
    String key = v1.source().keyId();
    assertThat(history.stateOf(table, key).current())
        .extracting(KeyState.Version::id)
        .containsExactly(v1.source().id(), v2.source().id());

    commit(table, v3);

    KeyState state = history.stateOf(table, key);
    assertThat(state.current()).extracting(KeyState.Version::id).containsExactly(v3.source().id());
    assertThat(state.replaced()).containsExactly(v1.source().id(), v2.source().id());
  }

  @Test
  void aCommitTheLedgerMissedIsRecordedByTheNextLookupAndOutlivesItsSnapshot() {
    Table table = servers.newTable(MarketTable.TRADES);
    // Committed, but its ledger entry never written (the function stopped right after).
    CommitOutcome outcome =
        new AppendCommitter(history, true)
            .append(table, a1.stage(table).files().dataFiles(), List.of(a1.source()));
    String key = a1.source().keyId();

    assertThat(history.stateOf(table, key).version(a1.source().id())).isPresent();
    commit(table, b1);
    MaintenanceCommitter.expireSnapshots(table, System.currentTimeMillis() + 1, 1);
    table.refresh();
    assertThat(table.snapshot(outcome.snapshotId())).isNull();

    KeyState state = history.stateOf(table, key);
    assertThat(state.version(a1.source().id()))
        .get()
        .satisfies(v -> assertThat(v.snapshotId()).isEqualTo(outcome.snapshotId()));
    StagedObject again = a1.stage(table, 2);
    assertThat(committer.commit(table, List.of(again)).get(again))
        .isInstanceOfSatisfying(
            CommitResult.Duplicate.class,
            d -> assertThat(d.snapshotId()).isEqualTo(outcome.snapshotId()));
  }

  @Test
  void theCommittedRowsOfAKeyAreFoundAfterItsSnapshotsExpiredButNotOnceReplaced() {
    Table table = servers.newTable(MarketTable.TRADES);
    long aSnapshot = commit(table, a1);
    commit(table, b1);
    Delivery b2 = Delivery.of(b1.key(), "b2");
    commit(table, b2);
    MaintenanceCommitter.expireSnapshots(table, System.currentTimeMillis() + 1, 1);

    // The same rows as a1 under another key: a duplicate, found through the ledger.
    Delivery copyOfA = Delivery.of("asx/trades/copy.csv", "a1").rowsId(a1.rowsId());
    assertThat(history.holderOfRows(table, a1.rowsId()))
        .get()
        .satisfies(s -> assertThat(s.keyId()).isEqualTo(a1.source().keyId()));
    StagedObject copy = copyOfA.stage(table);
    assertThat(committer.commit(table, List.of(copy)).get(copy))
        .isInstanceOfSatisfying(
            CommitResult.Duplicate.class, d -> assertThat(d.snapshotId()).isEqualTo(aSnapshot));
    // The rows b1 had are no longer held by any key: loading them again adds them.
    assertThat(history.holderOfRows(table, b1.rowsId())).isEmpty();
    Delivery copyOfB1 = Delivery.of("asx/trades/old.csv", "b1").rowsId(b1.rowsId());
    StagedObject old = copyOfB1.stage(table);
    assertThat(committer.commit(table, List.of(old)).get(old))
        .isInstanceOf(CommitResult.Committed.class);
  }

  @Test
  void snapshotsOlderThanTheWindowAreLeftToTheLedger() {
    Table table = servers.newTable(MarketTable.TRADES);
    KeyHistory shortWindow = new KeyHistory(Duration.ofMillis(50));
    CommitOutcome first =
        new AppendCommitter(history, true)
            .append(table, a1.stage(table).files().dataFiles(), List.of(a1.source()));
    long committedAt = table.snapshot(first.snapshotId()).timestampMillis();
    await().until(() -> System.currentTimeMillis() > committedAt + 100);
    String key = a1.source().keyId();

    assertThat(shortWindow.stateOf(table, key).isEmpty()).isTrue();
    // The commit-time check reads the window too: an older snapshot does not refuse the append.
    CommitOutcome again =
        new AppendCommitter(shortWindow, true)
            .append(table, a1.stage(table, 2).files().dataFiles(), List.of(a1.source()));
    assertThat(again.committed()).isTrue();
    assertThat(history.stateOf(table, key).isEmpty()).isFalse();
  }

  private long commit(Table table, Delivery delivery) {
    StagedObject staged = delivery.stage(table);
    CommitResult result = committer.commit(table, List.of(staged)).get(staged);
    assertThat(result).isInstanceOf(CommitResult.Committed.class);
    return ((CommitResult.Committed) result).snapshotId();
  }

  static String ledgerKeys(Table table) {
    return VersionLedger.root(table).substring("s3://warehouse/".length()) + "keys/";
  }
}
