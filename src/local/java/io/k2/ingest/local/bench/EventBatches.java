package io.k2.ingest.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k2.ingest.local.LocalAwsEnvironment;
import io.k2.ingest.local.S3Events;
import io.k2.ingest.local.S3Events.CreatedObject;
import io.k2.ingest.local.bench.BenchOptions.Delivery;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The events that deliver landed files to the ingest function: a direct S3 notification per file,
 * or SQS batches whose messages each carry one S3 notification, as the deployment's queue does (its
 * event source mapping has {@code BatchSize: 10}).
 */
final class EventBatches {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:000000000000:k2-ingest";

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
      events.add(sqsBatch(objects.subList(from, to)));
    }
    return events;
  }

  private static String sqsBatch(List<CreatedObject> objects) {
    ObjectNode root = JSON.createObjectNode();
    var records = root.putArray("Records");
    for (CreatedObject object : objects) {
      ObjectNode message = records.addObject();
      message.put("messageId", UUID.randomUUID().toString());
      message.put("receiptHandle", "local-" + object.sequencer());
      message.put("body", S3Events.objectCreated(object));
      ObjectNode attributes = message.putObject("attributes");
      attributes.put("ApproximateReceiveCount", "1");
      attributes.put("SentTimestamp", Long.toString(object.time().toEpochMilli()));
      message.putObject("messageAttributes");
      message.put("eventSource", "aws:sqs");
      message.put("eventSourceARN", QUEUE_ARN);
      message.put("awsRegion", LocalAwsEnvironment.REGION);
    }
    return root.toString();
  }
}
