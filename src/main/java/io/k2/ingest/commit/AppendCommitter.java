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
 * The one place that commits: a single atomic append carrying every data file of the given objects,
 * their identities recorded in the snapshot summary.
 *
 * <p>Iceberg retries the append on {@code CommitFailedException} (a concurrent commit won the race)
 * with bounded, jittered back-off, as the table's {@code commit.retry.*} properties say,
 * re-checking on each attempt that none of the objects has been committed meanwhile. Any other
 * failure is left to the caller, which must tell a definite failure ({@code CommitFailedException})
 * from one whose outcome is unknown ({@code CommitStateUnknownException}, or a connection that
 * broke after the request was sent), after which the files must stay.
 */
@ApplicationScoped
public class AppendCommitter {

  private final boolean matchContent;

  @Inject
  public AppendCommitter(K2Config config) {
    this.matchContent = config.duplicates().skipSameContent();
  }

  public CommitOutcome append(Table table, List<DataFile> files, List<SourceObject> sources) {
    long started = System.nanoTime();
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    SnapshotSummary.of(sources).forEach(append::set);
    NotYetCommittedValidator validator = new NotYetCommittedValidator(sources, matchContent);
    append.validateWith(validator);
    try {
      append.commit();
    } catch (ValidationException e) {
      Snapshot holder = validator.conflict().orElseThrow(() -> e).snapshot();
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

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
