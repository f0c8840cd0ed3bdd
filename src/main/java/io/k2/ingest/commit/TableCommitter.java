package io.k2.ingest.commit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.jboss.logging.Logger;

/**
 * Commits staged objects to one table and answers for each: committed (its rows added, or replacing
 * its key's rows), duplicate, superseded, ignored or failed. It plans against the table's current
 * snapshot (what the table holds of each key, see {@link VersionCheck}), then commits every object
 * in one snapshot: an append, or, when a key's rows are replaced, an overwrite that removes them in
 * the same commit. The commit validates that no key of the plan changed since; if one did, it plans
 * again, so concurrent deliveries and corrections settle on one answer each.
 */
@ApplicationScoped
public class TableCommitter {

  private static final Logger LOG = Logger.getLogger(TableCommitter.class);
  private static final int MAX_PLANS = 20;

  private final AppendCommitter appender;
  private final VersionCheck check;
  private final ReplaceCommitter replacer;

  @Inject
  public TableCommitter(AppendCommitter appender, VersionCheck check, KeyHistory history) {
    this.appender = appender;
    this.check = check;
    this.replacer = new ReplaceCommitter(history, check.skipsSameRows());
  }

  /** An object the plan adds: its staged files and what its key held at the plan's base. */
  private record Planned(StagedObject staged, VersionCheck.Add add) {}

  /** One result per staged object of {@code group}, keyed by it, in the group's order. */
  public Map<StagedObject, CommitResult> commit(Table table, List<StagedObject> group) {
    Map<StagedObject, CommitResult> results = new LinkedHashMap<>();
    group.forEach(staged -> results.put(staged, null));
    Map<StagedObject, StagedObject> repeats = new HashMap<>();
    List<StagedObject> pending =
        BatchRepeats.withoutRepeats(table, check.skipsSameRows(), group, results, repeats);
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
          AttemptFiles.discard(table, staged);
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
                ? replacer.replace(
                    table, base, files(planned), sources(planned), replacing(planned), rewritten)
                : appender.append(table, files(planned), sources(planned), sequenceOf(base));
        retries += commit.retries();
        if (commit.committed()) {
          long millis = AppendCommitter.millisSince(started);
          int tries = retries;
          List<CommitResult> done =
              Parallel.map(
                  planned,
                  p -> {
                    AttemptFiles.sweepEarlierAttempts(table, p.staged());
                    return committed(table, commit, p, tries, millis);
                  });
          for (int i = 0; i < planned.size(); i++) {
            results.put(planned.get(i).staged(), done.get(i));
          }
          pending = List.of();
        } else {
          AttemptFiles.deleteAll(table, rewritten);
          retries++; // a key changed since the plan: plan again
        }
      } catch (ValidationException e) {
        AttemptFiles.deleteAll(table, rewritten);
        retries++; // the overwrite met a concurrent change of its keys' files: plan again
      } catch (CommitFailedException e) {
        // Iceberg's retries ran out: definitely not committed, so nothing may be left behind.
        LOG.errorf(e, "Commit to %s failed", table.name());
        AttemptFiles.deleteAll(table, rewritten);
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
      fail(
          table,
          pending,
          results,
          new CommitFailedException("keys kept changing: gave up after %d plans", MAX_PLANS),
          true);
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
            source.id(),
            source.rowsId(),
            source.sequencer(),
            source.sha256(),
            label,
            snapshot.snapshotId());
    KeyState after =
        before.after(
            version, planned.add().replaces(), snapshot.snapshotId(), snapshot.sequenceNumber());
    try {
      VersionLedger.record(table, after, true);
    } catch (RuntimeException e) {
      // The rows are committed; failing the object makes its redelivery find them (duplicate) in
      // the snapshots and record them in the ledger, before those snapshots can expire.
      LOG.errorf(e, "Ledger entry for %s not written", source.uri());
      return new CommitResult.Failed(
          new IllegalStateException(
              "committed in snapshot "
                  + snapshot.snapshotId()
                  + " but not recorded in the ledger; redelivery records it",
              e));
    }
    CommitResult.Replaced replaced =
        planned.add().replaces() && !before.isEmpty()
            ? new CommitResult.Replaced(
                before.snapshotId(), before.current().stream().map(KeyState.Version::name).toList())
            : null;
    return new CommitResult.Committed(snapshot.snapshotId(), retries, millis, replaced);
  }

  private static void fail(
      Table table,
      List<StagedObject> pending,
      Map<StagedObject, CommitResult> results,
      RuntimeException cause,
      boolean deleteFiles) {
    for (StagedObject staged : pending) {
      if (deleteFiles) {
        AttemptFiles.discard(table, staged);
      }
      results.put(staged, new CommitResult.Failed(cause));
    }
  }

  private static List<DataFile> files(List<Planned> planned) {
    return planned.stream().flatMap(p -> p.staged().files().dataFiles().stream()).toList();
  }

  private static List<SourceObject> replacing(List<Planned> planned) {
    return planned.stream().filter(p -> p.add().replaces()).map(p -> p.staged().source()).toList();
  }

  private static List<SourceObject> sources(List<Planned> planned) {
    return planned.stream().map(p -> p.staged().source()).toList();
  }

  private static long sequenceOf(Snapshot base) {
    return base == null ? 0 : base.sequenceNumber();
  }
}
