package io.k2.ingest.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the objects named by an invocation, whatever carried them: an S3 notification (one or many
 * records), S3 notifications wrapped in SQS messages, or an EventBridge "Object Created" event,
 * alone or inside SQS. Events that name no object (S3's test event, other event types) yield none.
 *
 * <p>Decoded from the JSON tree rather than the SDK's event classes because one handler accepts all
 * three shapes, and because the key decoding rules differ between them.
 */
public final class EventDecoder {

  private final ObjectMapper json;

  public EventDecoder(ObjectMapper json) {
    this.json = json;
  }

  public List<ObjectEvent> decode(JsonNode event) {
    List<ObjectEvent> objects = new ArrayList<>();
    decodeInto(event, null, objects);
    return objects;
  }

  private void decodeInto(JsonNode event, String messageId, List<ObjectEvent> out) {
    if (event == null || !event.isObject()) {
      throw new MalformedEventException("event is not a JSON object");
    }
    if (event.has("Records")) {
      for (JsonNode record : event.get("Records")) {
        decodeRecord(record, messageId, out);
      }
    } else if (event.has("detail-type")) {
      decodeEventBridge(event, messageId, out);
    } else if (!event.has("Event")) { // {"Event": "s3:TestEvent"} names no object
      throw new MalformedEventException(
          "event is neither an S3 notification, an SQS batch nor an EventBridge event");
    }
  }

  private void decodeRecord(JsonNode record, String messageId, List<ObjectEvent> out) {
    String source = record.path("eventSource").asText(record.path("EventSource").asText());
    switch (source) {
      case "aws:s3" -> decodeS3Record(record, messageId, out);
      case "aws:sqs" -> decodeSqsRecord(record, out);
      default -> throw new MalformedEventException("unsupported event source '" + source + "'");
    }
  }

  private void decodeS3Record(JsonNode record, String messageId, List<ObjectEvent> out) {
    if (!record.path("eventName").asText().startsWith("ObjectCreated:")) {
      return;
    }
    JsonNode s3 = record.path("s3");
    JsonNode object = s3.path("object");
    // S3 notifications URL-encode keys the form way: '+' is a space, %xx an escaped byte.
    String key = URLDecoder.decode(required(object, "key"), StandardCharsets.UTF_8);
    out.add(
        new ObjectEvent(
            messageId,
            new LandedObject(
                required(s3.path("bucket"), "name"),
                key,
                text(object, "eTag"),
                text(object, "versionId"),
                number(object, "size"),
                Sequencer.normalize(text(object, "sequencer")))));
  }

  private void decodeSqsRecord(JsonNode record, List<ObjectEvent> out) {
    String messageId = required(record, "messageId");
    // One unreadable message must not sink the batch: it is reported on its own.
    try {
      decodeInto(json.readTree(required(record, "body")), messageId, out);
    } catch (JsonProcessingException e) {
      out.add(ObjectEvent.malformed(messageId, "SQS message body is not JSON"));
    } catch (MalformedEventException e) {
      out.add(ObjectEvent.malformed(messageId, e.getMessage()));
    }
  }

  private void decodeEventBridge(JsonNode event, String messageId, List<ObjectEvent> out) {
    if (!"Object Created".equals(event.path("detail-type").asText())) {
      return;
    }
    JsonNode detail = event.path("detail");
    JsonNode object = detail.path("object");
    // EventBridge delivers the key as stored, not URL-encoded.
    out.add(
        new ObjectEvent(
            messageId,
            new LandedObject(
                required(detail.path("bucket"), "name"),
                required(object, "key"),
                text(object, "etag"),
                text(object, "version-id"),
                number(object, "size"),
                Sequencer.normalize(text(object, "sequencer")))));
  }

  private static String required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new MalformedEventException("event has no '" + field + "'");
    }
    return value.asText();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }

  private static Long number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.canConvertToLong() ? null : value.asLong();
  }
}
