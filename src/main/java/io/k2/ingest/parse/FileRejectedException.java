package io.k2.ingest.parse;

import io.k2.ingest.failure.PermanentFailure;

/**
 * Thrown when a file cannot be read as table data at all (empty, header only, unknown or missing
 * columns, not text, corrupt compression, unknown company). It is permanent: retrying the same
 * object gives the same answer, so it is reported and never retried.
 */
public class FileRejectedException extends PermanentFailure {

  public FileRejectedException(String message) {
    super(message);
  }

  public FileRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
