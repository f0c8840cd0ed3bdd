package io.k2.ingest.failure;

import java.util.Locale;

/**
 * Why something failed, which decides what happens next. Every failure is one of three kinds; an
 * exception that declares none is transient, since a fault outside the object (a dropped
 * connection, a throttled request) is the common unexpected case and a retry may cure it.
 */
public enum FailureKind {
  /** Bad data: the object is rejected with a report and never retried: it would fail again. */
  PERMANENT,
  /** Storage, catalog, commit conflicts: the object is retried (SQS redelivery, Lambda retry). */
  TRANSIENT,
  /**
   * A setting is wrong (a route to the wrong table, a table that drifted, a value out of bounds):
   * the invocation fails loudly naming the setting, since a retry cannot help until it is fixed.
   */
  MISCONFIGURED;

  public static FailureKind of(Throwable failure) {
    if (failure instanceof PermanentFailure) {
      return PERMANENT;
    }
    if (failure instanceof Misconfiguration) {
      return MISCONFIGURED;
    }
    return TRANSIENT;
  }

  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Words for a failure: the exception and, when it differs, the root cause that explains it. */
  public static String describe(Throwable failure) {
    if (failure instanceof PermanentFailure) {
      return failure.getMessage();
    }
    String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != failure && root.getMessage() != null && !text.contains(root.getMessage())) {
      text += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
    return text;
  }
}
