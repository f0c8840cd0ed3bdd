package io.k2.ingest.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** Lands test files in the landing bucket and builds the events S3 would send for them. */
public final class Landing {

  public static final String BUCKET = "landing";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Client s3;

  public Landing(S3Client s3) {
    this.s3 = s3;
  }

  /** Orders the writes of this JVM as S3's sequencers order the writes to one key. */
  private static final AtomicLong WRITES = new AtomicLong(0x0055AED6DCD90281L);

  /** A landed object as its event describes it, with the sequencer S3 gave its write. */
  public record Landed(String bucket, String key, String eTag, long size, String sequencer) {

    public Landed(String bucket, String key, String eTag, long size) {
      this(bucket, key, eTag, size, "0055AED6DCD90281E5");
    }
  }

  public Landed put(String key, byte[] content) {
    PutObjectResponse response =
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
    String sequencer = String.format("%016X00", WRITES.incrementAndGet());
    return new Landed(BUCKET, key, response.eTag().replace("\"", ""), content.length, sequencer);
  }

  public Landed put(String key, String content) {
    return put(key, content.getBytes(StandardCharsets.UTF_8));
  }

  public String text(String key) {
    return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
  }

  public boolean exists(String key) {
    return s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(key)).contents().stream()
        .anyMatch(o -> o.key().equals(key));
  }

  /** The S3 notification for these objects, keys URL-encoded as S3 encodes them. */
  public static String s3Event(List<Landed> objects) {
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (Landed object : objects) {
      ObjectNode record = records.addObject();
      record
          .put("eventVersion", "2.1")
          .put("eventSource", "aws:s3")
          .put("awsRegion", "us-east-1")
          .put("eventTime", "2026-11-24T09:30:00.000Z")
          .put("eventName", "ObjectCreated:Put");
      ObjectNode s3 = record.putObject("s3");
      s3.put("s3SchemaVersion", "1.0");
      s3.putObject("bucket")
          .put("name", object.bucket())
          .put("arn", "arn:aws:s3:::" + object.bucket());
      s3.putObject("object")
          .put("key", encodeKey(object.key()))
          .put("size", object.size())
          .put("eTag", object.eTag())
          .put("sequencer", object.sequencer());
    }
    return event.toString();
  }

  public static String s3Event(Landed... objects) {
    return s3Event(List.of(objects));
  }

  /** The same notifications, one per SQS message, as Lambda's SQS integration delivers them. */
  public static String sqsEvent(Landed... objects) {
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (int i = 0; i < objects.length; i++) {
      records
          .addObject()
          .put("messageId", "message-" + i)
          .put("receiptHandle", "handle-" + i)
          .put("body", s3Event(objects[i]))
          .put("eventSource", "aws:sqs")
          .put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:k2-landing-events")
          .put("awsRegion", "us-east-1");
    }
    return event.toString();
  }

  /** An EventBridge "Object Created" event (keys are not URL-encoded there). */
  public static String eventBridgeEvent(Landed object) {
    ObjectNode event = JSON.createObjectNode();
    event
        .put("version", "0")
        .put("id", "17793124-05d4-b198-2fde-7ededc63b103")
        .put("detail-type", "Object Created")
        .put("source", "aws.s3")
        .put("account", "000000000000")
        .put("time", "2026-11-24T09:30:00Z")
        .put("region", "us-east-1");
    ObjectNode detail = event.putObject("detail");
    detail.put("version", "0").putObject("bucket").put("name", object.bucket());
    detail
        .putObject("object")
        .put("key", object.key())
        .put("size", object.size())
        .put("etag", object.eTag())
        .put("sequencer", object.sequencer());
    detail.put("reason", "PutObject");
    return event.toString();
  }

  // S3 encodes keys like an HTML form (space as '+') but leaves '/' alone.
  private static String encodeKey(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
  }
}
