package io.k2.ingest.ingest;

import io.k2.ingest.commit.CommitResult;
import io.k2.ingest.commit.StagedObject;
import io.k2.ingest.event.ObjectEvent;
import io.k2.ingest.failure.FailureKind;
import io.k2.ingest.ingest.ObjectOutcome.Commit;
import io.k2.ingest.ingest.ObjectOutcome.Load;
import io.k2.ingest.ingest.ObjectOutcome.Problem;
import org.apache.iceberg.Table;

/**
 * What staging an object produced: files waiting for the commit, or already a final outcome; and
 * the rejection report it calls for, if any, written once staging is over.
 */
sealed interface Staging {

  ObjectEvent event();

  RejectionReport.Report report();

  /** The object's files are written; the table's commit decides its outcome. */
  record Staged(
      ObjectEvent event,
      String tableName,
      Table table,
      StagedObject object,
      long writeMillis,
      RejectionReport.Report report)
      implements Staging {

    ObjectOutcome outcome(CommitResult result) {
      long rejected = object.source().rejectedRows();
      String sha256 = object.source().sha256();
      if (result instanceof CommitResult.Committed c) {
        Load load =
            new Load(
                object.files().rows(),
                rejected,
                object.files().dataFiles().size(),
                object.files().bytes(),
                writeMillis,
                sha256);
        CommitResult.Replaced replaced = c.replaced();
        Commit commit =
            replaced == null
                ? new Commit(c.snapshotId(), c.retries(), c.millis())
                : new Commit(
                    c.snapshotId(),
                    c.retries(),
                    c.millis(),
                    replaced.snapshotId(),
                    String.join(" ", replaced.versions()));
        Status status = replaced == null ? Status.COMMITTED : Status.REPLACED;
        return ObjectOutcome.of(event, status, tableName, load, commit, null);
      }
      if (!(result instanceof CommitResult.Failed)) {
        return Done.settled(event, tableName, result, sha256)
            .outcome()
            .withLoad(new Load(0, rejected, 0, 0, writeMillis, sha256));
      }
      Throwable cause = ((CommitResult.Failed) result).cause();
      return ObjectOutcome.failed(
          event, tableName, new Load(0, rejected, 0, 0, writeMillis, sha256), cause);
    }
  }

  /** The object needs no commit: rejected, a duplicate, reference data, or failed. */
  record Done(ObjectEvent event, ObjectOutcome outcome, RejectionReport.Report report)
      implements Staging {

    Done(ObjectEvent event, ObjectOutcome outcome) {
      this(event, outcome, null);
    }

    /** A result that adds nothing: duplicate, superseded or ignored. */
    static Done settled(ObjectEvent event, String tableName, CommitResult result, String sha256) {
      Status status;
      Long snapshot;
      String reason;
      if (result instanceof CommitResult.Duplicate d) {
        status = Status.DUPLICATE;
        snapshot = d.snapshotId();
        reason = d.reason();
        sha256 = d.sha256() != null ? d.sha256() : sha256;
      } else if (result instanceof CommitResult.Superseded s) {
        status = Status.SUPERSEDED;
        snapshot = s.snapshotId();
        reason = s.reason();
      } else if (result instanceof CommitResult.Ignored i) {
        status = Status.IGNORED;
        snapshot = i.snapshotId();
        reason = i.reason();
      } else {
        throw new IllegalArgumentException("not a settled result: " + result);
      }
      return new Done(
          event,
          ObjectOutcome.of(
              event,
              status,
              tableName,
              new Load(0, 0, 0, 0, 0, sha256),
              new Commit(snapshot, 0, 0),
              new Problem(null, reason)));
    }

    static Done failed(ObjectEvent event, String tableName, Throwable failure) {
      return new Done(event, ObjectOutcome.failed(event, tableName, Load.NONE, failure));
    }

    static Done of(ObjectEvent event, Status status, String tableName, String why) {
      Problem problem = new Problem(status == Status.REJECTED ? FailureKind.PERMANENT : null, why);
      return new Done(
          event, ObjectOutcome.of(event, status, tableName, Load.NONE, Commit.NONE, problem));
    }
  }
}
