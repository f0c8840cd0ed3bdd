package io.k2.ingest.commit;

import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Finds the snapshot that added an object version, or rows, among a table's current snapshot and
 * its ancestors: the snapshot summaries as they are, for tests and tools; ingest asks {@link
 * KeyHistory}, which also reads the ledger.
 */
public final class CommittedObjects {

  private CommittedObjects() {}

  public static Optional<Snapshot> withId(Table table, String versionId) {
    return find(table, versionId, null);
  }

  public static Optional<Snapshot> withContent(Table table, String rowsId) {
    return find(table, null, rowsId);
  }

  private static Optional<Snapshot> find(Table table, String versionId, String rowsId) {
    for (Snapshot snapshot : ancestry(table)) {
      for (SnapshotSummary.Entry entry : SnapshotSummary.entries(snapshot)) {
        if (entry.versionId().equals(versionId) || entry.rowsId().equals(rowsId)) {
          return Optional.of(snapshot);
        }
      }
    }
    return Optional.empty();
  }

  private static Iterable<Snapshot> ancestry(Table table) {
    Snapshot current = table.currentSnapshot();
    return current == null
        ? List.of()
        : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot);
  }
}
