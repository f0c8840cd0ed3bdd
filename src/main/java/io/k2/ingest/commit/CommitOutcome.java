package io.k2.ingest.commit;

/**
 * The result of an append: committed as {@code snapshotId}; or refused because one of its objects
 * (with id {@code conflictingSourceId}) was already in the table, in which case {@code snapshotId}
 * names the snapshot that holds it.
 */
public record CommitOutcome(
    boolean committed,
    long snapshotId,
    String conflictingSourceId,
    int retries,
    long durationMillis) {}
