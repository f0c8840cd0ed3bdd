package io.k2.ingest.maintain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/** Groups a snapshot's data files by partition, with when each partition was last written. */
final class CompactionPlanner {

  private CompactionPlanner() {}

  static List<PartitionFiles> partitions(Table table, Snapshot snapshot) {
    // A file's data sequence number names the commit that added it; expired commits are old.
    Map<Long, Long> committedAt = new HashMap<>();
    for (Snapshot s : table.snapshots()) {
      committedAt.merge(s.sequenceNumber(), s.timestampMillis(), Math::max);
    }
    Map<String, List<DataFile>> files = new LinkedHashMap<>();
    Map<String, Long> lastWritten = new HashMap<>();
    Map<String, Boolean> deletes = new HashMap<>();
    Map<String, DataFile> first = new HashMap<>();
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(snapshot.snapshotId()).planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile file = task.file().copy();
        PartitionSpec spec = table.specs().get(file.specId());
        String name = file.specId() + "/" + spec.partitionToPath(file.partition());
        files.computeIfAbsent(name, n -> new ArrayList<>()).add(file);
        first.putIfAbsent(name, file);
        Long sequence = file.dataSequenceNumber();
        long at = sequence == null ? 0 : committedAt.getOrDefault(sequence, 0L);
        lastWritten.merge(name, at, Math::max);
        deletes.merge(name, !task.deletes().isEmpty(), Boolean::logicalOr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Planning the files of " + table.name() + " failed", e);
    }
    List<PartitionFiles> partitions = new ArrayList<>();
    files.forEach(
        (name, list) -> {
          DataFile any = first.get(name);
          PartitionSpec spec = table.specs().get(any.specId());
          partitions.add(
              new PartitionFiles(
                  spec.partitionToPath(any.partition()),
                  spec,
                  any.partition(),
                  List.copyOf(list),
                  lastWritten.get(name),
                  deletes.get(name)));
        });
    return partitions;
  }
}
