package io.k2.ingest.maintain;

import io.k2.ingest.commit.MaintenanceCommitter;
import io.k2.ingest.config.K2Config;
import io.k2.ingest.maintain.MaintenanceReport.PartitionReport;
import io.k2.ingest.maintain.MaintenanceReport.TableReport;
import io.k2.ingest.maintain.MaintenanceRequest.Step;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;

/** One table's pass: compact, rewrite manifests, expire snapshots, remove orphans. */
final class TableMaintenance {

  private final Table table;
  private final K2Config.MaintenanceConfig settings;
  private final Duration minPartitionAge;
  private final Set<Step> steps;
  private final List<PartitionReport> partitions = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  TableMaintenance(
      Table table, K2Config.MaintenanceConfig settings, Duration minPartitionAge, Set<Step> steps) {
    this.table = table;
    this.settings = settings;
    this.minPartitionAge = minPartitionAge;
    this.steps = steps;
  }

  TableReport run() {
    long started = System.nanoTime();
    long[] before = dataFilesAndBytes();
    if (steps.contains(Step.COMPACT)) {
      attempt(
          "compact",
          () -> {
            compact();
            return null;
          },
          null);
    }
    ManifestCompaction.Result manifests = new ManifestCompaction.Result(0, 0);
    if (steps.contains(Step.REWRITE_MANIFESTS)) {
      int minCount = settings.manifestRewriteMinCount();
      manifests =
          attempt(
              "rewrite-manifests", () -> ManifestCompaction.rewrite(table, minCount), manifests);
    }
    int expired = 0;
    if (steps.contains(Step.EXPIRE_SNAPSHOTS)) {
      expired = attempt("expire-snapshots", this::expire, 0);
    }
    OrphanFiles.Removed orphans = new OrphanFiles.Removed(0, 0);
    if (steps.contains(Step.REMOVE_ORPHANS)) {
      long olderThan = System.currentTimeMillis() - settings.orphanMinAge().toMillis();
      orphans = attempt("remove-orphans", () -> OrphanFiles.remove(table, olderThan), orphans);
    }
    table.refresh();
    long[] after = dataFilesAndBytes();
    return new TableReport(
        table.name(),
        List.copyOf(partitions),
        before[0],
        before[1],
        after[0],
        after[1],
        expired,
        count(table.snapshots()),
        orphans.files(),
        orphans.bytes(),
        manifests.before(),
        manifests.after(),
        (System.nanoTime() - started) / 1_000_000,
        List.copyOf(problems));
  }

  private void compact() {
    Snapshot planned = table.currentSnapshot();
    if (planned == null) {
      return;
    }
    PartitionCompactor compactor = new PartitionCompactor(table, planned);
    long smallBelow = (long) (compactor.targetFileBytes() * settings.smallFileRatio());
    long closedBefore = System.currentTimeMillis() - minPartitionAge.toMillis();
    for (PartitionFiles partition : CompactionPlanner.partitions(table, planned)) {
      List<DataFile> small =
          partition.files().stream().filter(f -> f.fileSizeInBytes() < smallBelow).toList();
      if (small.size() < settings.minInputFiles()) {
        continue;
      }
      long smallBytes = small.stream().mapToLong(DataFile::fileSizeInBytes).sum();
      if (partition.lastWrittenMillis() > closedBefore) {
        partitions.add(skipped(partition, "too-recent", small, smallBytes));
      } else if (partition.hasDeletes()) {
        partitions.add(skipped(partition, "has-deletes", small, smallBytes));
      } else {
        partitions.add(compact(compactor, partition, small, smallBytes));
      }
    }
  }

  private PartitionReport compact(
      PartitionCompactor compactor, PartitionFiles partition, List<DataFile> small, long bytes) {
    int filesAfter = 0;
    long bytesAfter = 0;
    try {
      for (List<DataFile> group : groups(small)) {
        for (DataFile written : compactor.compact(partition, group)) {
          filesAfter++;
          bytesAfter += written.fileSizeInBytes();
        }
      }
    } catch (ValidationException | CommitFailedException | CommitStateUnknownException e) {
      // A concurrent delete or rewrite touched these files, or the catalog did not answer: the
      // next pass plans the partition afresh (unknown outcome: orphan removal takes stray files).
      problems.add(partition.name() + ": " + e.getMessage());
      return skipped(partition, "failed: " + e.getMessage(), small, bytes);
    }
    return new PartitionReport(
        partition.name(), "compacted", small.size(), bytes, filesAfter, bytesAfter);
  }

  /** Consecutive runs of files whose bytes together stay within the merge's memory bound. */
  private List<List<DataFile>> groups(List<DataFile> files) {
    List<List<DataFile>> groups = new ArrayList<>();
    List<DataFile> group = new ArrayList<>();
    long bytes = 0;
    for (DataFile file : files) {
      if (!group.isEmpty() && bytes + file.fileSizeInBytes() > settings.maxMergeBytes()) {
        addIfMerging(groups, group);
        group = new ArrayList<>();
        bytes = 0;
      }
      group.add(file);
      bytes += file.fileSizeInBytes();
    }
    addIfMerging(groups, group);
    return groups;
  }

  private static void addIfMerging(List<List<DataFile>> groups, List<DataFile> group) {
    if (group.size() > 1) {
      groups.add(group);
    }
  }

  private int expire() {
    int before = count(table.snapshots());
    if (before == 0) {
      return 0;
    }
    long olderThan = System.currentTimeMillis() - settings.snapshotMaxAge().toMillis();
    MaintenanceCommitter.expireSnapshots(table, olderThan, settings.minSnapshots());
    table.refresh();
    return before - count(table.snapshots());
  }

  private <T> T attempt(String step, Supplier<T> action, T fallback) {
    try {
      return action.get();
    } catch (ValidationException
        | CommitFailedException
        | CommitStateUnknownException
        | UncheckedIOException
        | IllegalStateException
        | IllegalArgumentException e) {
      // Reported, and the table's remaining steps and the other tables still run.
      problems.add(step + ": " + e.getMessage());
      return fallback;
    }
  }

  private static PartitionReport skipped(
      PartitionFiles partition, String outcome, List<DataFile> small, long bytes) {
    return new PartitionReport(partition.name(), outcome, small.size(), bytes, small.size(), bytes);
  }

  private long[] dataFilesAndBytes() {
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return new long[] {0, 0};
    }
    return new long[] {
      Long.parseLong(current.summary().getOrDefault("total-data-files", "0")),
      Long.parseLong(current.summary().getOrDefault("total-files-size", "0"))
    };
  }

  private static int count(Iterable<Snapshot> snapshots) {
    int n = 0;
    for (Iterator<Snapshot> it = snapshots.iterator(); it.hasNext(); it.next()) {
      n++;
    }
    return n;
  }
}
