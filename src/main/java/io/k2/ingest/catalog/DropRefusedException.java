package io.k2.ingest.catalog;

/**
 * Thrown when a {@code drop} request names a table the function does not manage, or does not
 * confirm it by repeating its full name in {@code confirm}. Nothing was dropped.
 */
public class DropRefusedException extends RuntimeException {

  public DropRefusedException(String message) {
    super(message);
  }
}
