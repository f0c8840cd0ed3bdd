package io.k2.ingest.source;

/**
 * Thrown when an ASX file lands before the reference data that names its company. Transient: the
 * file is retried, and succeeds once the reference data has landed.
 */
public class ReferenceDataMissingException extends RuntimeException {

  public ReferenceDataMissingException(String location) {
    super("reference data " + location + " has not landed yet");
  }
}
