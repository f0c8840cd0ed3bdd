package io.k2.ingest.commit;

import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;

/**
 * A single atomic overwrite: the new objects' files added and, for the keys they correct, the keys'
 * rows removed (see {@link KeyRowsRemover}), identities in the snapshot summary. It commits only
 * if, since the snapshot it was planned on, no commit touched those keys or their files.
 */
final class ReplaceCommitter {

  private final KeyHistory history;
  private final boolean matchRows;

  ReplaceCommitter(KeyHistory history, boolean matchRows) {
    this.history = history;
    this.matchRows = matchRows;
  }

  /**
   * Commits {@code files} of {@code sources}, removing the rows of the keys named by {@code
   * replacing} as {@code base} holds them. Files written in place of mixed ones are added to {@code
   * rewritten}, for the caller to delete if this does not commit.
   */
  CommitOutcome replace(
      Table table,
      Snapshot base,
      List<DataFile> files,
      List<SourceObject> sources,
      List<SourceObject> replacing,
      List<DataFile> rewritten) {
    long started = System.nanoTime();
    OverwriteFiles overwrite = table.newOverwrite();
    files.forEach(overwrite::addFile);
    Expression touched = Expressions.alwaysFalse();
    for (SourceObject source : replacing) {
      KeyRowsRemover.remove(table, base, source.uri(), overwrite, rewritten);
      touched = Expressions.or(touched, KeyRowsRemover.rowsOf(source.uri()));
    }
    SnapshotSummary.of(sources).forEach(overwrite::set);
    if (base != null) {
      overwrite.validateFromSnapshot(base.snapshotId());
    }
    // Another commit adding or removing the keys' rows since the plan (a redelivery, a
    // compaction of their files) fails this one; it is then planned again.
    overwrite
        .conflictDetectionFilter(touched)
        .validateNoConflictingData()
        .validateNoConflictingDeletes();
    NotYetCommittedValidator validator =
        new NotYetCommittedValidator(
            sources,
            matchRows,
            base == null ? 0 : base.sequenceNumber(),
            history.windowStartMillis());
    overwrite.validateWith(validator);
    try {
      overwrite.commit();
    } catch (ValidationException e) {
      if (validator.conflict().isPresent()) {
        return new CommitOutcome(
            false,
            validator.conflict().get().snapshotId(),
            validator.conflictingId(),
            validator.attempts() - 1,
            AppendCommitter.millisSince(started));
      }
      throw e;
    }
    return new CommitOutcome(
        true,
        table.currentSnapshot().snapshotId(),
        null,
        validator.attempts() - 1,
        AppendCommitter.millisSince(started));
  }
}
