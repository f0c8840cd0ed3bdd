package io.k2.ingest.commit;

import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotAncestryValidator;

/**
 * Refuses a commit when one of its objects is already in the table. Iceberg runs it on every commit
 * attempt against the table's history as refreshed for that attempt, so an object committed by a
 * concurrent invocation, or by an earlier attempt whose outcome was unknown, is caught even though
 * the check before writing did not see it. It also counts the attempts.
 */
final class NotYetCommittedValidator implements SnapshotAncestryValidator {

  private final List<SourceObject> sources;
  private final boolean matchContent;
  private int attempts;
  private SnapshotSummary.Holder conflict;
  private String conflictingId;

  NotYetCommittedValidator(List<SourceObject> sources, boolean matchContent) {
    this.sources = sources;
    this.matchContent = matchContent;
  }

  @Override
  public boolean validate(Iterable<Snapshot> ancestors) {
    attempts++;
    for (SourceObject source : sources) {
      Optional<SnapshotSummary.Holder> found =
          CommittedObjects.find(ancestors, source.id(), matchContent ? source.sha256() : null);
      if (found.isPresent()) {
        conflict = found.get();
        conflictingId = source.id();
        return false;
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
        + conflictingId
        + " is already committed in snapshot "
        + conflict.snapshot().snapshotId();
  }

  int attempts() {
    return attempts;
  }

  String conflictingId() {
    return conflictingId;
  }

  Optional<SnapshotSummary.Holder> conflict() {
    return Optional.ofNullable(conflict);
  }
}
