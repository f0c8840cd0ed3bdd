package io.k2.ingest.commit;

import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotAncestryValidator;

/**
 * Refuses a commit when a snapshot committed after the plan touched one of its keys, or (when such
 * duplicates are skipped) added the same rows. Iceberg runs it on every commit attempt against the
 * table's history as refreshed for that attempt, so a concurrent invocation's commit, or an earlier
 * attempt whose outcome was unknown, is caught although the plan did not see it; the caller then
 * plans again. Only snapshots after the plan's base (and within the window) are read. It also
 * counts the attempts.
 */
final class NotYetCommittedValidator implements SnapshotAncestryValidator {

  private final List<SourceObject> sources;
  private final boolean matchRows;
  private final long baseSequence;
  private final long windowStartMillis;
  private int attempts;
  private Snapshot conflict;
  private SourceObject conflicting;

  /**
   * @param baseSequence the sequence number of the snapshot the plan was made against; -1 checks
   *     the whole window
   */
  NotYetCommittedValidator(
      List<SourceObject> sources, boolean matchRows, long baseSequence, long windowStartMillis) {
    this.sources = sources;
    this.matchRows = matchRows;
    this.baseSequence = baseSequence;
    this.windowStartMillis = windowStartMillis;
  }

  @Override
  public boolean validate(Iterable<Snapshot> ancestors) {
    attempts++;
    for (Snapshot snapshot : ancestors) {
      if (snapshot.sequenceNumber() <= baseSequence
          || snapshot.timestampMillis() < windowStartMillis) {
        return true;
      }
      for (SnapshotSummary.Entry entry : SnapshotSummary.entries(snapshot)) {
        for (SourceObject source : sources) {
          if (entry.keyId().equals(source.keyId())
              || (matchRows && entry.rowsId().equals(source.rowsId()))) {
            conflict = snapshot;
            conflicting = source;
            return false;
          }
        }
      }
    }
    return true;
  }

  @Override
  public String errorMessage() {
    // Iceberg builds the message on every attempt, also those that pass.
    if (conflict == null) {
      return "no conflict";
    }
    return "object "
        + conflicting.uri()
        + " changed concurrently in snapshot "
        + conflict.snapshotId();
  }

  int attempts() {
    return attempts;
  }

  String conflictingId() {
    return conflicting == null ? null : conflicting.id();
  }

  Optional<Snapshot> conflict() {
    return Optional.ofNullable(conflict);
  }
}
