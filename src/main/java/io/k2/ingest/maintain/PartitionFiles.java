package io.k2.ingest.maintain;

import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;

/**
 * The live data files of one partition in one snapshot.
 *
 * @param name the partition as a path, e.g. {@code exchange_date=2026-11-24}
 * @param lastWrittenMillis when the newest of its files was committed; 0 when that snapshot has
 *     expired already (then the partition is older than snapshot retention)
 * @param hasDeletes whether delete files apply to any of its files
 */
record PartitionFiles(
    String name,
    PartitionSpec spec,
    StructLike partition,
    List<DataFile> files,
    long lastWrittenMillis,
    boolean hasDeletes) {

  long bytes() {
    return files.stream().mapToLong(DataFile::fileSizeInBytes).sum();
  }
}
