package io.k2.ingest.commit;

import java.util.List;

/** What became of one staged object at commit. */
public sealed interface CommitResult {

  /**
   * Its rows are in the table, added by {@code snapshotId}; {@code replaced} names what its rows
   * replaced, or is null when the key had no rows before.
   */
  record Committed(long snapshotId, int retries, long millis, Replaced replaced)
      implements CommitResult {

    public Committed(long snapshotId, int retries, long millis) {
      this(snapshotId, retries, millis, null);
    }
  }

  /** The versions of the key whose rows a commit replaced, and the snapshot that last held them. */
  record Replaced(long snapshotId, List<String> versions) {}

  /**
   * Already in the table, or repeated in the same batch: nothing added. {@code snapshotId} names
   * the snapshot that holds it (null while that is unknown), {@code sha256} the content it holds.
   */
  record Duplicate(Long snapshotId, String sha256, String reason) implements CommitResult {}

  /** An older version of a key whose later version is committed: nothing added. */
  record Superseded(Long snapshotId, String reason) implements CommitResult {}

  /** A new version of a committed key on a route that ignores corrections: nothing added. */
  record Ignored(long snapshotId, String reason) implements CommitResult {}

  /** Not committed; the files were deleted unless the commit's outcome is unknown. */
  record Failed(RuntimeException cause) implements CommitResult {}
}
