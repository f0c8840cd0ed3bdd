package io.k2.ingest.commit;

import io.k2.ingest.config.K2Config;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.ValidationException;

/**
 * A single atomic append carrying every data file of the given objects, their identities recorded
 * in the snapshot summary.
 *
 * <p>Iceberg retries the append on {@code CommitFailedException} (a concurrent commit won the race)
 * with bounded, jittered back-off, as the table's {@code commit.retry.*} properties say,
 * re-checking on each attempt that none of the objects' keys changed meanwhile. Any other failure
 * is left to the caller, which must tell a definite failure ({@code CommitFailedException}) from
 * one whose outcome is unknown ({@code CommitStateUnknownException}, or a connection that broke
 * after the request was sent).
 */
@ApplicationScoped
public class AppendCommitter {

  private final KeyHistory history;
  private final boolean matchRows;

  @Inject
  public AppendCommitter(K2Config config) {
    this(new KeyHistory(config), config.duplicates().skipSameContent());
  }

  AppendCommitter(KeyHistory history, boolean matchRows) {
    this.history = history;
    this.matchRows = matchRows;
  }

  /** Appends unless a snapshot in the window already holds one of the objects' keys or rows. */
  public CommitOutcome append(Table table, List<DataFile> files, List<SourceObject> sources) {
    return append(table, files, sources, -1);
  }

  /** Appends unless a snapshot after {@code baseSequence} touched one of the objects' keys. */
  CommitOutcome append(
      Table table, List<DataFile> files, List<SourceObject> sources, long baseSequence) {
    long started = System.nanoTime();
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    SnapshotSummary.of(sources).forEach(append::set);
    NotYetCommittedValidator validator =
        new NotYetCommittedValidator(sources, matchRows, baseSequence, history.windowStartMillis());
    append.validateWith(validator);
    try {
      append.commit();
    } catch (ValidationException e) {
      Snapshot holder = validator.conflict().orElseThrow(() -> e);
      return new CommitOutcome(
          false,
          holder.snapshotId(),
          validator.conflictingId(),
          validator.attempts() - 1,
          millisSince(started));
    }
    // Right after a successful commit the table's current snapshot is the one just added.
    return new CommitOutcome(
        true,
        table.currentSnapshot().snapshotId(),
        null,
        validator.attempts() - 1,
        millisSince(started));
  }

  static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
