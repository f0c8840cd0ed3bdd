package io.k2.ingest.ingest;

/**
 * Thrown by the ingest function when an object failed for a reason outside it (storage or catalog
 * unavailable, commit outcome unknown), so that Lambda retries the invocation. Objects of the same
 * invocation that were committed are found as duplicates by the retry.
 */
public class TransientIngestException extends RuntimeException {

  public TransientIngestException(String message) {
    super(message);
  }
}
