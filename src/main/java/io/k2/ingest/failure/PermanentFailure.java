package io.k2.ingest.failure;

/**
 * A failure caused by the object itself (not text, bad rows, no route, too large): the same object
 * always fails the same way, so it is reported and rejected, never retried.
 */
public class PermanentFailure extends RuntimeException {

  public PermanentFailure(String message) {
    super(message);
  }

  public PermanentFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
