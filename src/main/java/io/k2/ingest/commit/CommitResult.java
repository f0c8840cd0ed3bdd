package io.k2.ingest.commit;

/** What became of one staged object at commit: committed, a duplicate, or failed. */
public sealed interface CommitResult {

  /** Its rows are in the table, added by {@code snapshotId}. */
  record Committed(long snapshotId, int retries, long millis) implements CommitResult {}

  /**
   * Already in the table, or repeated in the same batch: nothing added. {@code snapshotId} names
   * the snapshot that holds it (null while that is unknown), {@code sha256} the content it holds.
   */
  record Duplicate(Long snapshotId, String sha256, String reason) implements CommitResult {

    static Duplicate in(SnapshotSummary.Holder holder, String why) {
      return new Duplicate(
          holder.snapshot().snapshotId(),
          holder.sha256(),
          why + " in snapshot " + holder.snapshot().snapshotId());
    }
  }

  /** Not committed; the files were deleted unless the commit's outcome is unknown. */
  record Failed(RuntimeException cause) implements CommitResult {}
}
