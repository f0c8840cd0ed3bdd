package io.k2.ingest.ingest;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What became of a landed object. */
public enum Status {
  /** Its rows are in the table, in the snapshot named by the outcome. */
  COMMITTED,
  /**
   * Its rows are in the table and replaced its key's earlier rows, in one snapshot; the outcome
   * names the snapshot and version replaced.
   */
  REPLACED,
  /** An older version of its key: a later version is committed, so nothing was added. */
  SUPERSEDED,
  /** A new version of a committed key on a route that ignores corrections: nothing added. */
  IGNORED,
  /** It was already in the table (same object, or same content): nothing was added. */
  DUPLICATE,
  /** It is not usable as table data; a report says why. Retrying cannot help. */
  REJECTED,
  /** Something outside the object failed (storage, catalog); the invocation is retried. */
  FAILED,
  /** Reference data, not table data: noted, nothing committed. */
  REFERENCE;

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }
}
