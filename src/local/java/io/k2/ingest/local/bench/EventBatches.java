package io.k2.ingest.local.bench;

import io.k2.ingest.local.S3Events;
import io.k2.ingest.local.S3Events.CreatedObject;
import io.k2.ingest.local.SqsEvents;
import io.k2.ingest.local.bench.BenchOptions.Delivery;
import java.util.ArrayList;
import java.util.List;

/**
 * The events that deliver landed files to the ingest function: a direct S3 notification per file,
 * or SQS batches whose messages each carry one S3 notification, as the deployment's queue does (its
 * event source mapping has {@code BatchSize: 10}).
 */
final class EventBatches {

  private EventBatches() {}

  /** One event JSON per invocation, in landing order. */
  static List<String> of(Delivery delivery, List<CreatedObject> objects) {
    List<String> events = new ArrayList<>();
    if (!delivery.sqs()) {
      objects.forEach(object -> events.add(S3Events.objectCreated(object)));
      return events;
    }
    for (int from = 0; from < objects.size(); from += delivery.batchSize()) {
      int to = Math.min(objects.size(), from + delivery.batchSize());
      events.add(SqsEvents.batch(objects.subList(from, to)));
    }
    return events;
  }
}
