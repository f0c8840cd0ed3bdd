package io.k2.ingest.source;

/**
 * Thrown when the ASX reference data cannot be read: it names the file, the line and the problem.
 * Transient for the data files waiting on it: they fail and are retried (and, from a queue, end in
 * the dead-letter queue), and succeed once a fixed reference file has landed and they are retried
 * or redriven.
 */
public class ReferenceDataMalformedException extends RuntimeException {

  public ReferenceDataMalformedException(String location, long line, String problem) {
    super("reference data " + location + " is malformed at line " + line + ": " + problem);
  }

  /** The same problem again, thrown afresh for another file that needs the reference data. */
  ReferenceDataMalformedException(ReferenceDataMalformedException problem) {
    super(problem.getMessage());
  }
}
