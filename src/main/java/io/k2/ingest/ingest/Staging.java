package io.k2.ingest.ingest;

/** What staging an object produced: files waiting for the commit, or already a final outcome. */
sealed interface Staging {

  /** The object's files are written; the batch commit decides its outcome. */
  record Staged(StagedObject object) implements Staging {}

  /** The object needs no commit: rejected, a duplicate, or reference data. */
  record Done(ObjectOutcome outcome) implements Staging {}
}
