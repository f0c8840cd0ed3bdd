package io.k2.ingest.catalog;

/** Thrown by the init function when the warehouse or a landing bucket cannot be used. */
public class StorageUnavailableException extends RuntimeException {

  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
