package io.k2.ingest.commit;

import io.k2.ingest.config.K2Config.Corrections;
import io.k2.ingest.event.Sequencer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.jboss.logging.Logger;

/**
 * Commits staged objects to one table and answers for each: committed (its rows added, or
 * replacing its key's rows), duplicate, superseded, ignored or failed. It plans against the
 * table's current snapshot (what the table holds of each key, see {@link VersionCheck}), then
 * commits every object in one snapshot: an append, or, when a key's rows are replaced, an
 * overwrite that removes them in the same commit. The commit validates that no key of the plan
 * changed since; if one did, it plans again, so concurrent deliveries and corrections settle on
 * one answer each.
 */
@ApplicationScoped
public class TableCommitter {

  private static final Logger LOG = Logger.getLogger(TableCommitter.class);
  private static final int MAX_PLANS = 20;

  private final AppendCommitter appender;
  private final VersionCheck check;
  private final KeyHistory history;

  @Inject
  public TableCommitter(AppendCommitter appender, VersionCheck check, KeyHistory history) {
    this.appender = appender;
    this.check = check;
    this.history = history;
  }

  /** An object the plan adds: its staged files and what its key held at the plan's base. */
  private record Planned(StagedObject staged, VersionCheck.Add add) {}

  /** One result per staged object of {@code group}, keyed by it, in the group's order. */
  public Map<StagedObject, CommitResult> commit(Table table, List<StagedObject> group) {
    Map<StagedObject, CommitResult> results = new LinkedHashMap<>();
    group.forEach(staged -> results.put(staged, null));
    Map<StagedObject, StagedObject> repeats = new HashMap<>();
    List<StagedObject> pending = withoutRepeats(table, group, results, repeats);
    long started = System.nanoTime();
    int retries = 0;
    for (int plan = 0; plan < MAX_PLANS && !pending.isEmpty(); plan++) {
      table.refresh();
      Snapshot base = table.currentSnapshot();
      List<Planned> planned = new ArrayList<>();
      List<VersionCheck.Decision> decisions =
          Parallel.map(pending, staged -> check.decide(table, staged.source()));
      for (int i = 0; i < pending.size(); i++) {
        StagedObject staged = pending.get(i);
        VersionCheck.Decision decision = decisions.get(i);
        if (decision instanceof VersionCheck.Final done) {
          results.put(staged, done.result());
          discard(table, staged);
        } else {
          planned.add(new Planned(staged, (VersionCheck.Add) decision));
        }
      }
      pending = planned.stream().map(Planned::staged).toList();
      if (planned.isEmpty()) {
        break;
      }
      List<DataFile> rewritten = new ArrayList<>();
      try {
        CommitOutcome commit =
            planned.stream().anyMatch(p -> p.add().replaces())
                ? overwrite(table, base, planned, rewritten)
                : appender.append(
                    table, files(planned), sources(planned), sequenceOf(base));
        retries += commit.retries();
        if (commit.committed()) {
          long millis = AppendCommitter.millisSince(started);
          int tries = retries;
          List<CommitResult> done =
              Parallel.map(
                  planned,
                  p -> {
                    sweepEarlierAttempts(table, p.staged());
                    return committed(table, commit, p, tries, millis);
                  });
          for (int i = 0; i < planned.size(); i++) {
            results.put(planned.get(i).staged(), done.get(i));
          }
          pending = List.of();
        } else {
          deleteAll(table, rewritten);
          retries++; // a key changed since the plan: plan again
        }
      } catch (ValidationException e) {
        deleteAll(table, rewritten);
        retries++; // the overwrite met a concurrent change of its keys' files: plan again
      } catch (CommitFailedException e) {
        // Iceberg's retries ran out: definitely not committed, so nothing may be left behind.
        LOG.errorf(e, "Commit to %s failed", table.name());
        deleteAll(table, rewritten);
        fail(table, pending, results, e, true);
        pending = List.of();
      } catch (RuntimeException e) {
        // CommitStateUnknownException, or the catalog connection broke mid-request: the commit may
        // have landed, so every file stays (unreferenced ones are orphans for maintenance).
        LOG.errorf(e, "Commit to %s has an unknown outcome", table.name());
        fail(table, pending, results, e, false);
        pending = List.of();
      }
    }
    if (!pending.isEmpty()) {
      fail(table, pending, results,
          new CommitFailedException("keys kept changing: gave up after %d plans", MAX_PLANS), true);
    }
    // A repeat names the snapshot that holds what it repeats, once that is known.
    repeats.forEach(
        (repeat, original) -> {
          if (results.get(original) instanceof CommitResult.Committed c
              && results.get(repeat) instanceof CommitResult.Duplicate before) {
            results.put(
                repeat,
                new CommitResult.Duplicate(c.snapshotId(), before.sha256(), before.reason()));
          }
        });
    return results;
  }

  private CommitOutcome overwrite(
      Table table, Snapshot base, List<Planned> planned, List<DataFile> rewritten) {
    long started = System.nanoTime();
    OverwriteFiles overwrite = table.newOverwrite();
    files(planned).forEach(overwrite::addFile);
    Expression touched = Expressions.alwaysFalse();
    for (Planned p : planned) {
      if (p.add().replaces()) {
        String uri = p.staged().source().uri();
        KeyRowsRemover.remove(table, base, uri, overwrite, rewritten);
        touched = Expressions.or(touched, KeyRowsRemover.rowsOf(uri));
      }
    }
    SnapshotSummary.of(sources(planned)).forEach(overwrite::set);
    if (base != null) {
      overwrite.validateFromSnapshot(base.snapshotId());
    }
    // Another commit adding or removing the keys' rows since the plan (a redelivery, a
    // compaction of their files) fails this one; it is then planned again.
    overwrite.conflictDetectionFilter(touched).validateNoConflictingData()
        .validateNoConflictingDeletes();
    NotYetCommittedValidator validator =
        new NotYetCommittedValidator(
            sources(planned), check.skipsSameRows(), sequenceOf(base), history.windowStartMillis());
    overwrite.validateWith(validator);
    try {
      overwrite.commit();
    } catch (ValidationException e) {
      if (validator.conflict().isPresent()) {
        return new CommitOutcome(
            false, validator.conflict().get().snapshotId(), validator.conflictingId(),
            validator.attempts() - 1, AppendCommitter.millisSince(started));
      }
      throw e;
    }
    return new CommitOutcome(
        true, table.currentSnapshot().snapshotId(), null, validator.attempts() - 1,
        AppendCommitter.millisSince(started));
  }

  private CommitResult committed(
      Table table, CommitOutcome commit, Planned planned, int retries, long millis) {
    Snapshot snapshot = table.snapshot(commit.snapshotId());
    SourceObject source = planned.staged().source();
    KeyState before = planned.add().state();
    String label =
        source.identity().versionId() != null
            ? source.identity().versionId()
            : "etag:" + source.identity().eTag();
    KeyState.Version version =
        new KeyState.Version(
            source.id(), source.rowsId(), source.sequencer(), source.sha256(), label,
            snapshot.snapshotId());
    KeyState after =
        before.after(version, planned.add().replaces(), snapshot.snapshotId(),
            snapshot.sequenceNumber());
    try {
      VersionLedger.record(table, after, true);
    } catch (RuntimeException e) {
      // The rows are committed; failing the object makes its redelivery find them (duplicate) in
      // the snapshots and record them in the ledger, before those snapshots can expire.
      LOG.errorf(e, "Ledger entry for %s not written", source.uri());
      return new CommitResult.Failed(
          new IllegalStateException(
              "committed in snapshot " + snapshot.snapshotId()
                  + " but not recorded in the ledger; redelivery records it", e));
    }
    CommitResult.Replaced replaced =
        planned.add().replaces() && !before.isEmpty()
            ? new CommitResult.Replaced(
                before.snapshotId(), before.current().stream().map(KeyState.Version::name).toList())
            : null;
    return new CommitResult.Committed(snapshot.snapshotId(), retries, millis, replaced);
  }

  /**
   * Deletes the files earlier attempts at the same object version left behind (an attempt whose
   * commit outcome was unknown keeps its files). Safe once this attempt committed the version: an
   * earlier attempt's commit was built on an older snapshot, so the catalog can no longer accept
   * it, and had it been accepted this attempt would have found the version committed.
   */
  private static void sweepEarlierAttempts(Table table, StagedObject staged) {
    if (!(table.io() instanceof SupportsPrefixOperations io)) {
      return;
    }
    Set<String> own = new HashSet<>();
    Set<String> directories = new HashSet<>();
    for (DataFile file : staged.files().dataFiles()) {
      own.add(file.location());
      directories.add(file.location().substring(0, file.location().lastIndexOf('/') + 1));
    }
    try {
      for (String directory : directories) {
        for (FileInfo file : io.listPrefix(directory + "00000-0-" + staged.source().id() + "-")) {
          if (!own.contains(file.location())) {
            table.io().deleteFile(file.location());
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warnf(e, "Files of earlier attempts at %s left to orphan removal", staged.source().uri());
    }
  }

  /**
   * Settles objects of one batch that name the same thing: the same version twice (duplicate),
   * the same rows twice when such duplicates are skipped (duplicate), or two versions of one key
   * on a route that replaces or ignores corrections (the earlier is superseded).
   */
  private List<StagedObject> withoutRepeats(
      Table table,
      List<StagedObject> group,
      Map<StagedObject, CommitResult> results,
      Map<StagedObject, StagedObject> repeats) {
    List<StagedObject> unique = new ArrayList<>();
    Map<String, StagedObject> byId = new HashMap<>();
    Map<String, StagedObject> byRows = new HashMap<>();
    Map<String, StagedObject> byKey = new HashMap<>();
    for (StagedObject staged : group) {
      SourceObject source = staged.source();
      StagedObject sameObject = byId.get(source.id());
      StagedObject sameRows = byRows.get(source.rowsId());
      StagedObject sameKey = byKey.get(source.keyId());
      if (sameObject != null) {
        discard(table, staged);
        repeats.put(staged, sameObject);
        results.put(
            staged, new CommitResult.Duplicate(null, source.sha256(), "repeated in this batch"));
      } else if (check.skipsSameRows() && sameRows != null) {
        discard(table, staged);
        repeats.put(staged, sameRows);
        results.put(
            staged,
            new CommitResult.Duplicate(
                null, source.sha256(),
                "same content as " + sameRows.source().uri() + " in this batch"));
      } else if (sameKey != null && source.corrections() != Corrections.APPEND) {
        StagedObject earlier = later(sameKey, staged) == staged ? sameKey : staged;
        StagedObject kept = earlier == staged ? sameKey : staged;
        discard(table, earlier);
        results.put(
            earlier,
            new CommitResult.Superseded(
                null, "superseded: a later version of this key is in the same batch"));
        unique.remove(earlier);
        if (!unique.contains(kept)) {
          unique.add(kept);
        }
        byKey.put(source.keyId(), kept);
        byId.put(source.id(), staged);
      } else {
        byId.put(source.id(), staged);
        byRows.putIfAbsent(source.rowsId(), staged);
        byKey.put(source.keyId(), staged);
        unique.add(staged);
      }
    }
    return unique;
  }

  // By sequencer; without one, the one delivered last in the batch.
  private static StagedObject later(StagedObject first, StagedObject second) {
    String a = first.source().sequencer();
    String b = second.source().sequencer();
    if (a != null && b != null && Sequencer.compare(a, b) > 0) {
      return first;
    }
    return second;
  }

  private static void fail(
      Table table,
      List<StagedObject> pending,
      Map<StagedObject, CommitResult> results,
      RuntimeException cause,
      boolean deleteFiles) {
    for (StagedObject staged : pending) {
      if (deleteFiles) {
        discard(table, staged);
      }
      results.put(staged, new CommitResult.Failed(cause));
    }
  }

  private static List<DataFile> files(List<Planned> planned) {
    return planned.stream().flatMap(p -> p.staged().files().dataFiles().stream()).toList();
  }

  private static List<SourceObject> sources(List<Planned> planned) {
    return planned.stream().map(p -> p.staged().source()).toList();
  }

  private static long sequenceOf(Snapshot base) {
    return base == null ? 0 : base.sequenceNumber();
  }

  /**
   * Deletes the files of an object that will not be committed. Every attempt writes files of its
   * own name, so these are never files a committed snapshot references.
   */
  public static void discard(Table table, StagedObject staged) {
    deleteAll(table, staged.files().dataFiles());
  }

  private static void deleteAll(Table table, List<DataFile> files) {
    files.forEach(file -> table.io().deleteFile(file.location()));
  }
}
