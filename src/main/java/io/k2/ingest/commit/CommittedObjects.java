package io.k2.ingest.commit;

import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Finds the snapshot that already holds an object, by its id or by its content, among a table's
 * current snapshot and its ancestors.
 */
public final class CommittedObjects {

  private CommittedObjects() {}

  public static Optional<SnapshotSummary.Holder> withId(Table table, String sourceId) {
    return find(ancestry(table), sourceId, null);
  }

  public static Optional<SnapshotSummary.Holder> withContent(Table table, String sha256) {
    return find(ancestry(table), null, sha256);
  }

  /**
   * The first snapshot that names {@code sourceId} or, when given, holds content {@code sha256}.
   */
  static Optional<SnapshotSummary.Holder> find(
      Iterable<Snapshot> snapshots, String sourceId, String sha256) {
    for (Snapshot snapshot : snapshots) {
      Optional<SnapshotSummary.Holder> holder = SnapshotSummary.holder(snapshot, sourceId, sha256);
      if (holder.isPresent()) {
        return holder;
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
