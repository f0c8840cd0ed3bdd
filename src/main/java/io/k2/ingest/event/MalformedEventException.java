package io.k2.ingest.event;

/** Thrown when an invocation's event is none of the shapes the ingest function accepts. */
public class MalformedEventException extends RuntimeException {

  public MalformedEventException(String message) {
    super(message);
  }
}
