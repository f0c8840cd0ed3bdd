package io.k2.ingest.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The result for one landed object, as the ingest function reports it. */
public record ObjectOutcome(
    String bucket,
    String key,
    Status status,
    String table,
    long rows,
    @JsonProperty("rejected_rows") long rejectedRows,
    @JsonProperty("snapshot_id") Long snapshotId,
    String error,
    int files,
    long bytes,
    @JsonProperty("commit_retries") int commitRetries,
    @JsonProperty("write_ms") long writeMillis,
    @JsonProperty("commit_ms") long commitMillis,
    String sha256,
    @JsonIgnore String messageId) {

  static ObjectOutcome of(Status status, String bucket, String key, String table, String error, String messageId) {
    return new ObjectOutcome(bucket, key, status, table, 0, 0, null, error, 0, 0, 0, 0, 0, null, messageId);
  }

  ObjectOutcome withRejectedRows(long rejected) {
    return new ObjectOutcome(
        bucket, key, status, table, rows, rejected, snapshotId, error, files, bytes, commitRetries,
        writeMillis, commitMillis, sha256, messageId);
  }

  ObjectOutcome withSnapshot(long snapshot, String contentSha256) {
    return new ObjectOutcome(
        bucket, key, status, table, rows, rejectedRows, snapshot, error, files, bytes, commitRetries,
        writeMillis, commitMillis, contentSha256, messageId);
  }
}
