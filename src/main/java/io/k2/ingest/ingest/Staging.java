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
        Commit commit = new Commit(c.snapshotId(), c.retries(), c.millis());
        return ObjectOutcome.of(event, Status.COMMITTED, tableName, load, commit, null);
      }
      if (result instanceof CommitResult.Duplicate d) {
        return ObjectOutcome.of(
            event,
            Status.DUPLICATE,
            tableName,
            new Load(0, rejected, 0, 0, writeMillis, d.sha256()),
            new Commit(d.snapshotId(), 0, 0),
            new Problem(null, d.reason()));
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

    static Done duplicate(ObjectEvent event, String tableName, CommitResult.Duplicate duplicate) {
      return new Done(
          event,
          ObjectOutcome.of(
              event,
              Status.DUPLICATE,
              tableName,
              new Load(0, 0, 0, 0, 0, duplicate.sha256()),
              new Commit(duplicate.snapshotId(), 0, 0),
              new Problem(null, duplicate.reason())));
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
