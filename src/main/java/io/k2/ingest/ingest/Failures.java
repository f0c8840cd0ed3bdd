package io.k2.ingest.ingest;

/** Words for a failure: the exception and, when it differs, the root cause that explains it. */
final class Failures {

  private Failures() {}

  static String describe(Throwable failure) {
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
