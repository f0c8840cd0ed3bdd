package io.k2.ingest.commit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.jboss.logging.Logger;

/**
 * Appends staged objects to one table and answers for each: committed, duplicate or failed. All of
 * them go into a single append, each object's identity in the snapshot summary. An object found
 * already committed (by a concurrent invocation, or an earlier attempt whose outcome was unknown)
 * is taken out and the append retried with the rest, so one duplicate never blocks the others.
 */
@ApplicationScoped
public class TableCommitter {

  private static final Logger LOG = Logger.getLogger(TableCommitter.class);

  private final AppendCommitter appender;
  private final DuplicateCheck duplicates;

  @Inject
  public TableCommitter(AppendCommitter appender, DuplicateCheck duplicates) {
    this.appender = appender;
    this.duplicates = duplicates;
  }

  /** One result per staged object of {@code group}, keyed by it, in the group's order. */
  public Map<StagedObject, CommitResult> commit(Table table, List<StagedObject> group) {
    Map<StagedObject, CommitResult> results = new LinkedHashMap<>();
    group.forEach(staged -> results.put(staged, null));
    Map<StagedObject, StagedObject> repeats = new HashMap<>();
    List<StagedObject> pending = withoutRepeats(table, group, results, repeats);
    while (!pending.isEmpty()) {
      CommitOutcome commit;
      try {
        commit =
            appender.append(
                table,
                pending.stream().flatMap(s -> s.files().dataFiles().stream()).toList(),
                pending.stream().map(StagedObject::source).toList());
      } catch (CommitFailedException e) {
        // Iceberg's retries ran out: definitely not committed, so nothing may be left behind.
        LOG.errorf(e, "Commit to %s failed", table.name());
        pending.forEach(s -> deleteFiles(table, s, Set.of()));
        pending.forEach(s -> results.put(s, new CommitResult.Failed(e)));
        break;
      } catch (RuntimeException e) {
        // CommitStateUnknownException, or the catalog connection broke mid-request: the append may
        // have landed, so every file stays. The retry finds the objects committed (duplicate) or
        // commits them, rewriting the same file names with the same bytes, so nothing is orphaned.
        LOG.errorf(e, "Commit to %s has an unknown outcome", table.name());
        pending.forEach(s -> results.put(s, new CommitResult.Failed(e)));
        break;
      }
      if (commit.committed()) {
        CommitResult committed =
            new CommitResult.Committed(
                commit.snapshotId(), commit.retries(), commit.durationMillis());
        pending.forEach(staged -> results.put(staged, committed));
        break;
      }
      StagedObject repeated = named(pending, commit.conflictingSourceId());
      Snapshot holder = table.snapshot(commit.snapshotId());
      deleteFiles(table, repeated, referencedBy(table, holder));
      SnapshotSummary.Holder held =
          SnapshotSummary.holder(holder, repeated.source().id(), repeated.source().sha256())
              .orElse(new SnapshotSummary.Holder(holder, repeated.source().sha256()));
      results.put(repeated, CommitResult.Duplicate.in(held, "committed concurrently"));
      pending.remove(repeated);
    }
    // A repeat names the snapshot that holds what it repeats, once that is known.
    repeats.forEach(
        (repeat, original) -> {
          if (results.get(original) instanceof CommitResult.Committed c) {
            CommitResult.Duplicate before = (CommitResult.Duplicate) results.get(repeat);
            results.put(
                repeat,
                new CommitResult.Duplicate(c.snapshotId(), before.sha256(), before.reason()));
          }
        });
    return results;
  }

  /**
   * Drops an object named twice in one batch (same version, or same content when such duplicates
   * are skipped). The same version was written to the same file names, so its files stay.
   */
  private List<StagedObject> withoutRepeats(
      Table table,
      List<StagedObject> group,
      Map<StagedObject, CommitResult> results,
      Map<StagedObject, StagedObject> repeats) {
    List<StagedObject> unique = new ArrayList<>();
    Map<String, StagedObject> byId = new HashMap<>();
    Map<String, StagedObject> byContent = new HashMap<>();
    for (StagedObject staged : group) {
      SourceObject source = staged.source();
      StagedObject sameObject = byId.get(source.id());
      StagedObject sameContent = byContent.get(source.sha256());
      if (sameObject != null) {
        repeats.put(staged, sameObject);
        results.put(
            staged, new CommitResult.Duplicate(null, source.sha256(), "repeated in this batch"));
      } else if (duplicates.skipsSameContent() && sameContent != null) {
        deleteFiles(table, staged, Set.of());
        repeats.put(staged, sameContent);
        String uri =
            "s3://"
                + sameContent.source().identity().bucket()
                + "/"
                + sameContent.source().identity().key();
        results.put(
            staged,
            new CommitResult.Duplicate(
                null, source.sha256(), "same content as " + uri + " in this batch"));
      } else {
        byId.put(source.id(), staged);
        byContent.putIfAbsent(source.sha256(), staged);
        unique.add(staged);
      }
    }
    return unique;
  }

  private static StagedObject named(List<StagedObject> pending, String sourceId) {
    return pending.stream()
        .filter(s -> s.source().id().equals(sourceId))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("conflict names an object not in the batch"));
  }

  private static Set<String> referencedBy(Table table, Snapshot holder) {
    return StreamSupport.stream(holder.addedDataFiles(table.io()).spliterator(), false)
        .map(DataFile::location)
        .collect(Collectors.toSet());
  }

  /** Deletes the files of an object that will not be committed; files in {@code keep} stay. */
  public static void deleteFiles(Table table, StagedObject staged, Set<String> keep) {
    staged.files().dataFiles().stream()
        .map(DataFile::location)
        .filter(location -> !keep.contains(location))
        .forEach(table.io()::deleteFile);
  }
}
