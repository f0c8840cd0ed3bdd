package io.k2.ingest.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * S3 event notifications as S3 sends them to Lambda: one {@code ObjectCreated:Put} record per
 * event, with the key URL-encoded the way S3 encodes it (form encoding, so a space is {@code +};
 * the {@code /} between folders stays as it is).
 */
public final class S3Events {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter EVENT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * The object as S3 describes it in a notification.
   *
   * @param eTag the entity tag without the quotes S3 puts around it in HTTP headers
   * @param sequencer orders events for the same key; hexadecimal, as in S3
   */
  public record CreatedObject(
      String bucket, String key, long size, String eTag, String sequencer, Instant time) {}

  private S3Events() {}

  /** The key as it appears in an event: {@code asx/trades/my file.csv} is {@code my+file.csv}. */
  public static String encodeKey(String key) {
    // Split with limit -1 so that empty segments (a//b, a trailing /) are kept.
    return Stream.of(key.split("/", -1))
        .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8))
        .collect(Collectors.joining("/"));
  }

  /** A sequencer that grows with {@code n}, in S3's upper-case hexadecimal form. */
  public static String sequencer(long n) {
    return String.format("%016X", n);
  }

  /** The notification's JSON, as Lambda receives it from S3. */
  public static String objectCreated(CreatedObject object) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode record = root.putArray("Records").addObject();
    record.put("eventVersion", "2.1");
    record.put("eventSource", "aws:s3");
    record.put("awsRegion", LocalAwsEnvironment.REGION);
    record.put("eventTime", EVENT_TIME.format(object.time()));
    record.put("eventName", "ObjectCreated:Put");
    record.putObject("userIdentity").put("principalId", "AWS:LOCAL");
    record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
    ObjectNode response = record.putObject("responseElements");
    response.put("x-amz-request-id", object.sequencer());
    response.put("x-amz-id-2", "local");
    ObjectNode s3 = record.putObject("s3");
    s3.put("s3SchemaVersion", "1.0");
    s3.put("configurationId", "k2-local");
    ObjectNode bucket = s3.putObject("bucket");
    bucket.put("name", object.bucket());
    bucket.putObject("ownerIdentity").put("principalId", "LOCAL");
    bucket.put("arn", "arn:aws:s3:::" + object.bucket());
    ObjectNode s3Object = s3.putObject("object");
    s3Object.put("key", encodeKey(object.key()));
    s3Object.put("size", object.size());
    s3Object.put("eTag", object.eTag());
    // No versionId: S3 leaves it out for buckets without versioning, as these are.
    s3Object.put("sequencer", object.sequencer());
    return root.toString();
  }
}
