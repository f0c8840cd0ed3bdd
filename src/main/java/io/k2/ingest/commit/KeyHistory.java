package io.k2.ingest.commit;

import io.k2.ingest.config.K2Config;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * What a table holds of a key, and which key holds given rows: the ledger's latest entry, brought
 * up to date with the snapshots committed since (their summaries name every object they added).
 * Only snapshots younger than the window are read, so the cost of a lookup depends on the commit
 * rate and the window, never on the table's age; the ledger holds everything older.
 */
@ApplicationScoped
public class KeyHistory {

  private final Duration window;

  @Inject
  public KeyHistory(K2Config config) {
    this(config.duplicates().snapshotWindow());
  }

  KeyHistory(Duration window) {
    this.window = window;
  }

  /** The key's state as of the table's current snapshot. */
  public KeyState stateOf(Table table, String keyId) {
    Optional<KeyState> recorded = VersionLedger.latest(table, keyId);
    long after = recorded.map(KeyState::sequenceNumber).orElse(-1L);
    List<Snapshot> newer = new ArrayList<>();
    for (Snapshot snapshot : recentAncestry(table)) {
      if (snapshot.sequenceNumber() <= after) {
        break;
      }
      if (SnapshotSummary.entries(snapshot).stream().anyMatch(e -> e.keyId().equals(keyId))) {
        newer.add(snapshot);
      }
    }
    Collections.reverse(newer);
    KeyState state = recorded.orElse(KeyState.empty(keyId));
    for (Snapshot snapshot : newer) {
      for (SnapshotSummary.Entry entry : SnapshotSummary.entries(snapshot)) {
        if (entry.keyId().equals(keyId)) {
          KeyState.Version version =
              new KeyState.Version(
                  entry.versionId(),
                  entry.rowsId(),
                  entry.sequencer(),
                  null,
                  null,
                  snapshot.snapshotId());
          state =
              state.after(
                  version, entry.replaces(), snapshot.snapshotId(), snapshot.sequenceNumber());
        }
      }
    }
    if (!newer.isEmpty()) {
      repair(table, state);
    }
    return state;
  }

  // Commits the ledger does not know yet (its entry was not written, or not yet): record them, so
  // that they are still found once their snapshots have expired.
  private static void repair(Table table, KeyState state) {
    try {
      VersionLedger.record(table, state, false);
    } catch (RuntimeException e) {
      // The snapshots still hold the commit; a later lookup repairs the ledger.
    }
  }

  /** A key whose current rows are {@code rowsId}, with its state, if any key holds them. */
  public Optional<KeyState> holderOfRows(Table table, String rowsId) {
    List<String> candidates = new ArrayList<>(VersionLedger.keysWithRows(table, rowsId));
    for (Snapshot snapshot : recentAncestry(table)) {
      for (SnapshotSummary.Entry entry : SnapshotSummary.entries(snapshot)) {
        if (entry.rowsId().equals(rowsId) && !candidates.contains(entry.keyId())) {
          candidates.add(entry.keyId());
        }
      }
    }
    for (String keyId : candidates) {
      KeyState state = stateOf(table, keyId);
      if (state.holdsRows(rowsId)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }

  /** The current snapshot and its ancestors, newest first, as long as they are in the window. */
  Iterable<Snapshot> recentAncestry(Table table) {
    long since = System.currentTimeMillis() - window.toMillis();
    List<Snapshot> recent = new ArrayList<>();
    Snapshot snapshot = table.currentSnapshot();
    while (snapshot != null && snapshot.timestampMillis() >= since) {
      recent.add(snapshot);
      snapshot = snapshot.parentId() == null ? null : table.snapshot(snapshot.parentId());
    }
    return recent;
  }

  long windowStartMillis() {
    return System.currentTimeMillis() - window.toMillis();
  }
}
