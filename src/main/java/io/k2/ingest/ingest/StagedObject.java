package io.k2.ingest.ingest;

import io.k2.ingest.commit.SourceObject;
import io.k2.ingest.event.LandedObject;
import io.k2.ingest.write.WrittenFiles;
import org.apache.iceberg.Table;

/**
 * An object whose rows are written as data files but not yet committed: what the batch commit
 * needs to add it, or to delete its files if it is not added.
 */
record StagedObject(
    LandedObject object,
    String messageId,
    String tableName,
    Table table,
    SourceObject source,
    WrittenFiles files,
    long writeMillis) {

  ObjectOutcome outcome(Status status, Long snapshotId, String error, int retries, long commitMillis) {
    return new ObjectOutcome(
        object.bucket(), object.key(), status, tableName,
        status == Status.COMMITTED ? files.rows() : 0, source.rejectedRows(), snapshotId, error,
        status == Status.COMMITTED ? files.dataFiles().size() : 0,
        status == Status.COMMITTED ? files.bytes() : 0,
        retries, writeMillis, commitMillis, source.sha256(), messageId);
  }
}
