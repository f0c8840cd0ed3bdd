package io.k2.ingest.ingest;

import io.k2.ingest.commit.AppendCommitter;
import io.k2.ingest.commit.CommitOutcome;
import io.k2.ingest.commit.SourceObject;
import io.k2.ingest.config.K2Config;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
 * Commits the staged objects of one table in a single append, each object's identity in the
 * snapshot summary. An object found already committed (by a concurrent invocation, or an earlier
 * attempt whose outcome was unknown) is taken out and the append retried with the rest, so one
 * duplicate never blocks the others.
 */
@ApplicationScoped
class TableBatchCommitter {

  private static final Logger LOG = Logger.getLogger(TableBatchCommitter.class);

  private final AppendCommitter committer;
  private final boolean skipSameContent;

  @Inject
  TableBatchCommitter(AppendCommitter committer, K2Config config) {
    this.committer = committer;
    this.skipSameContent = config.duplicates().skipSameContent();
  }

  /** Outcomes for {@code group}, in its order. Every object of the group is for the same table. */
  List<ObjectOutcome> commit(List<StagedObject> group) {
    Map<StagedObject, ObjectOutcome> outcomes = new IdentityHashMap<>();
    Map<StagedObject, StagedObject> repeats = new IdentityHashMap<>();
    List<StagedObject> pending = withoutRepeats(group, outcomes, repeats);
    Table table = group.get(0).table();
    while (!pending.isEmpty()) {
      CommitOutcome commit;
      try {
        commit =
            committer.append(
                table,
                pending.stream().flatMap(s -> s.files().dataFiles().stream()).toList(),
                pending.stream().map(StagedObject::source).toList());
      } catch (CommitFailedException e) {
        // Iceberg's retries ran out: definitely not committed, so nothing may be left behind.
        LOG.errorf(e, "Commit to %s failed", group.get(0).tableName());
        pending.forEach(s -> deleteFiles(s, Set.of()));
        pending.forEach(s -> outcomes.put(s, failed(s, e)));
        break;
      } catch (RuntimeException e) {
        // CommitStateUnknownException, or the catalog connection broke mid-request: the append may
        // have landed, so every file stays. The retry finds the objects committed (duplicate) or
        // commits them, rewriting the same file names with the same bytes, so nothing is orphaned.
        LOG.errorf(e, "Commit to %s has an unknown outcome", group.get(0).tableName());
        pending.forEach(s -> outcomes.put(s, failed(s, e)));
        break;
      }
      if (commit.committed()) {
        for (StagedObject staged : pending) {
          outcomes.put(staged, staged.outcome(Status.COMMITTED, commit.snapshotId(), null, commit.retries(), commit.durationMillis()));
        }
        break;
      }
      StagedObject repeated =
          pending.stream().filter(s -> s.source().id().equals(commit.conflictingSourceId())).findFirst()
              .orElseThrow(() -> new IllegalStateException("conflict names an object not in the batch"));
      Snapshot holder = table.snapshot(commit.snapshotId());
      deleteFiles(repeated, referencedBy(table, holder));
      outcomes.put(repeated, ObjectStager.duplicate(repeated.object(), repeated.tableName(), holder, "committed concurrently", repeated.messageId()));
      pending.remove(repeated);
    }
    // A repeat names the snapshot that holds what it repeats, once that is known.
    repeats.forEach((repeat, original) -> {
      Long snapshot = outcomes.get(original).snapshotId();
      if (snapshot != null) {
        outcomes.put(repeat, outcomes.get(repeat).withSnapshot(snapshot, repeat.source().sha256()));
      }
    });
    return group.stream().map(outcomes::get).toList();
  }

  /**
   * Drops an object named twice in one batch (same version, or same content when such duplicates
   * are skipped). The same version was written to the same file names, so its files stay.
   */
  private List<StagedObject> withoutRepeats(
      List<StagedObject> group,
      Map<StagedObject, ObjectOutcome> outcomes,
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
        outcomes.put(staged, staged.outcome(Status.DUPLICATE, null, "repeated in this batch", 0, 0));
      } else if (skipSameContent && sameContent != null) {
        deleteFiles(staged, Set.of());
        repeats.put(staged, sameContent);
        outcomes.put(staged, staged.outcome(Status.DUPLICATE, null,
            "same content as " + sameContent.object().uri() + " in this batch", 0, 0));
      } else {
        byId.put(source.id(), staged);
        byContent.putIfAbsent(source.sha256(), staged);
        unique.add(staged);
      }
    }
    return unique;
  }

  private static ObjectOutcome failed(StagedObject staged, RuntimeException e) {
    return staged.outcome(Status.FAILED, null, Failures.describe(e), 0, 0);
  }

  private static Set<String> referencedBy(Table table, Snapshot holder) {
    return StreamSupport.stream(holder.addedDataFiles(table.io()).spliterator(), false)
        .map(DataFile::location)
        .collect(Collectors.toSet());
  }

  // Same object, same file names: files the holding snapshot references must stay.
  private static void deleteFiles(StagedObject staged, Set<String> keep) {
    staged.files().dataFiles().stream()
        .map(DataFile::location)
        .filter(location -> !keep.contains(location))
        .forEach(staged.table().io()::deleteFile);
  }
}
