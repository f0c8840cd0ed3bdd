package io.k2.ingest.commit;

import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * The maintenance function's commits: a compaction's {@code replace}, snapshot expiry and manifest
 * rewrite. Each is an ordinary Iceberg commit, retried by Iceberg on {@code CommitFailedException}
 * as the table's {@code commit.retry.*} properties say, like the ingest's appends.
 */
public final class MaintenanceCommitter {

  /** The snapshot summary key naming the partition a {@code replace} compacted. */
  public static final String COMPACTED_PARTITION = "k2.compacted-partition";

  private MaintenanceCommitter() {}

  /**
   * Swaps {@code removed} for {@code added} in one {@code replace} snapshot, validated from {@code
   * planned}: it fails with {@code ValidationException} if a delete file was added meanwhile for a
   * removed file, or a removed file is gone. Appends committed meanwhile are kept. The added files
   * take {@code planned}'s data sequence number, so row-level deletes committed later apply to
   * them.
   */
  public static void replace(
      Table table,
      Snapshot planned,
      List<DataFile> removed,
      List<DataFile> added,
      String partition) {
    RewriteFiles rewrite =
        table
            .newRewrite()
            .validateFromSnapshot(planned.snapshotId())
            .dataSequenceNumber(planned.sequenceNumber());
    removed.forEach(rewrite::deleteFile);
    added.forEach(rewrite::addFile);
    rewrite.set(COMPACTED_PARTITION, partition).commit();
  }

  /**
   * Expires snapshots older than {@code olderThanMillis}, the newest {@code retainLast} excepted,
   * and deletes the files only they reached.
   */
  public static void expireSnapshots(Table table, long olderThanMillis, int retainLast) {
    table
        .expireSnapshots()
        .expireOlderThan(olderThanMillis)
        .retainLast(retainLast)
        .cleanExpiredFiles(true)
        .commit();
  }

  /** Rewrites the data manifests smaller than {@code smallerThan} bytes into few. */
  public static void rewriteManifests(Table table, long smallerThan) {
    table
        .rewriteManifests()
        // One cluster: the manifests roll at the target size; partition summaries still prune.
        .clusterBy(file -> file.specId())
        .rewriteIf(manifest -> manifest.length() < smallerThan)
        .commit();
  }
}
