package io.k2.ingest.maintain;

import io.k2.ingest.commit.MaintenanceCommitter;
import java.util.List;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.util.PropertyUtil;

/**
 * Rewrites a table's small data manifests into few of the target manifest size once there are many
 * of them: planning a scan opens every manifest, so their number, not their size, costs time.
 */
final class ManifestCompaction {

  /** Data manifests in the current snapshot before and after. */
  record Result(int before, int after) {}

  private ManifestCompaction() {}

  static Result rewrite(Table table, int minCount) {
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return new Result(0, 0);
    }
    long target =
        PropertyUtil.propertyAsLong(
            table.properties(),
            TableProperties.MANIFEST_TARGET_SIZE_BYTES,
            TableProperties.MANIFEST_TARGET_SIZE_BYTES_DEFAULT);
    List<ManifestFile> small =
        current.dataManifests(table.io()).stream().filter(m -> m.length() < target).toList();
    int before = current.dataManifests(table.io()).size();
    if (small.size() < minCount) {
      return new Result(before, before);
    }
    MaintenanceCommitter.rewriteManifests(table, target);
    return new Result(before, table.currentSnapshot().dataManifests(table.io()).size());
  }
}
