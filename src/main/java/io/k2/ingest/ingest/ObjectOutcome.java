package io.k2.ingest.ingest;

import com.fasterxml.jackson.annotation.JsonValue;
import io.k2.ingest.event.LandedObject;
import io.k2.ingest.event.ObjectEvent;
import io.k2.ingest.failure.FailureKind;
import java.util.Map;

/**
 * What became of one landed object: which object, its status and table, what staging wrote, what
 * the commit did, and the failure if any. {@link OutcomeField} turns it into fields, the same
 * fields for the response, the log event, the metrics and the {@code ingest_log} row.
 */
public record ObjectOutcome(
    Source source, Status status, String table, Load load, Commit commit, Problem problem) {

  /** The object as its event named it, and the SQS message that carried it (null otherwise). */
  public record Source(
      String bucket, String key, String versionId, String eTag, Long size, String messageId) {

    static Source of(ObjectEvent event) {
      LandedObject object = event.object();
      return object == null
          ? new Source(null, null, null, null, null, event.messageId())
          : new Source(
              object.bucket(),
              object.key(),
              object.versionId(),
              object.eTag(),
              object.size(),
              event.messageId());
    }
  }

  /**
   * What staging produced. Rows, files and bytes count only what was committed; bad rows are
   * counted whatever the status.
   */
  public record Load(
      long rows, long rejectedRows, int files, long bytes, long writeMillis, String sha256) {

    static final Load NONE = new Load(0, 0, 0, 0, 0, null);

    Load uncommitted() {
      return new Load(0, rejectedRows, 0, 0, writeMillis, sha256);
    }
  }

  /**
   * The snapshot that holds the object (committed or duplicate) or its later version (superseded),
   * retries and commit time; for a replacement, the snapshot and versions replaced.
   */
  public record Commit(
      Long snapshotId, int retries, long millis, Long replacedSnapshotId, String replacedVersion) {

    static final Commit NONE = new Commit(null, 0, 0);

    Commit(Long snapshotId, int retries, long millis) {
      this(snapshotId, retries, millis, null, null);
    }
  }

  /**
   * Why the object was not committed: a failure of some kind, or (kind null) why nothing was added,
   * such as the snapshot a duplicate was found in.
   */
  public record Problem(FailureKind kind, String message) {}

  ObjectOutcome withLoad(Load newLoad) {
    return new ObjectOutcome(source, status, table, newLoad, commit, problem);
  }

  static ObjectOutcome of(
      ObjectEvent event, Status status, String table, Load load, Commit commit, Problem problem) {
    return new ObjectOutcome(Source.of(event), status, table, load, commit, problem);
  }

  static ObjectOutcome failed(ObjectEvent event, String table, Load load, Throwable failure) {
    Status status =
        FailureKind.of(failure) == FailureKind.PERMANENT ? Status.REJECTED : Status.FAILED;
    Problem problem = new Problem(FailureKind.of(failure), FailureKind.describe(failure));
    return of(event, status, table, load.uncommitted(), Commit.NONE, problem);
  }

  public String bucket() {
    return source.bucket();
  }

  public String key() {
    return source.key();
  }

  public long rows() {
    return load.rows();
  }

  public long rejectedRows() {
    return load.rejectedRows();
  }

  public Long snapshotId() {
    return commit.snapshotId();
  }

  public int commitRetries() {
    return commit.retries();
  }

  public String error() {
    return problem == null ? null : problem.message();
  }

  public String messageId() {
    return source.messageId();
  }

  public boolean misconfigured() {
    return problem != null && problem.kind() == FailureKind.MISCONFIGURED;
  }

  /** The response's JSON object for this outcome: the outcome's fields. */
  @JsonValue
  public Map<String, Object> fields() {
    return OutcomeField.fields(this);
  }
}
