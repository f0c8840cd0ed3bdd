package io.k2.ingest.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k2.ingest.local.S3Events.CreatedObject;
import java.util.List;
import java.util.UUID;

/**
 * SQS events as Lambda's event source mapping delivers them: one batch per invocation, each message
 * carrying one S3 notification as its body, as the deployment's queue receives them.
 */
public final class SqsEvents {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:000000000000:k2-ingest";

  private SqsEvents() {}

  /** One SQS event with a message per object, in the given order. */
  public static String batch(List<CreatedObject> objects) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode records = root.putArray("Records");
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
