package io.k2.ingest.ingest;

import java.util.List;

/**
 * The ingest function's answer: one outcome per object and, for SQS invocations, the messages to
 * return to the queue (Lambda's partial batch response; the field name is Lambda's).
 */
public record IngestResponse(
    List<ObjectOutcome> objects, List<BatchItemFailure> batchItemFailures) {

  /** An SQS message Lambda should make visible again. */
  public record BatchItemFailure(String itemIdentifier) {}
}
