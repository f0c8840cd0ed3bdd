package io.k2.ingest.maintain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What one maintenance pass did, per table and partition. */
public record MaintenanceReport(
    List<TableReport> tables, @JsonProperty("duration_ms") long durationMillis) {

  /**
   * One table: data files and bytes of its current snapshot before and after, what expiry and
   * orphan removal removed, and its data manifests before and after.
   */
  public record TableReport(
      String table,
      List<PartitionReport> partitions,
      @JsonProperty("files_before") long filesBefore,
      @JsonProperty("bytes_before") long bytesBefore,
      @JsonProperty("files_after") long filesAfter,
      @JsonProperty("bytes_after") long bytesAfter,
      @JsonProperty("snapshots_expired") int snapshotsExpired,
      @JsonProperty("snapshots_kept") int snapshotsKept,
      @JsonProperty("orphans_removed") int orphansRemoved,
      @JsonProperty("orphan_bytes") long orphanBytes,
      @JsonProperty("manifests_before") int manifestsBefore,
      @JsonProperty("manifests_after") int manifestsAfter,
      @JsonProperty("duration_ms") long durationMillis,
      List<String> problems) {}

  /**
   * One partition that held enough small files to compact.
   *
   * @param outcome {@code compacted}, {@code too-recent} (written within the minimum age), {@code
   *     has-deletes} (left to a rewrite that applies them) or {@code failed: <reason>}
   */
  public record PartitionReport(
      String partition,
      String outcome,
      @JsonProperty("files_before") int filesBefore,
      @JsonProperty("bytes_before") long bytesBefore,
      @JsonProperty("files_after") int filesAfter,
      @JsonProperty("bytes_after") long bytesAfter) {}
}
