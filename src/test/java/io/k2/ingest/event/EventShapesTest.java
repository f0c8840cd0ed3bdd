package io.k2.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The edges of each event shape: which events name objects, and which fields are required. */
class EventShapesTest {

  private final ObjectMapper json = new ObjectMapper();
  private final EventDecoder decoder = new EventDecoder(json);

  @Test
  void eventBridgeEventsOtherThanObjectCreatedNameNoObject() throws IOException {
    assertThat(decode(bridge("Object Deleted", "trades/a.csv"))).isEmpty();
    assertThat(decode(bridge("Object Restore Completed", "trades/a.csv"))).isEmpty();
    assertThat(decode(bridge("Object Created", "trades/a b+c.csv")))
        .extracting(e -> e.object().key())
        .containsExactly("trades/a b+c.csv");
  }

  @Test
  void eventBridgeFieldsAreReadFromTheirOwnNames() throws IOException {
    ObjectEvent event =
        decode(
                """
                {"detail-type": "Object Created", "detail": {"bucket": {"name": "landing"},
                 "object": {"key": "q/1.csv", "etag": "e1", "version-id": "v1", "size": 12}}}
                """)
            .get(0);

    assertThat(event.object()).isEqualTo(new LandedObject("landing", "q/1.csv", "e1", "v1", 12L));
    assertThat(event.messageId()).isNull();
    assertThat(event.malformed()).isNull();
  }

  @Test
  void s3RecordsCarryOnlyObjectCreatedEventsAndKeepTheirOrder() throws IOException {
    List<ObjectEvent> events =
        decode(
            "{\"Records\": ["
                + s3Record("ObjectRemoved:Delete", "gone.csv")
                + ","
                + s3Record("ObjectCreated:Put", "one.csv")
                + ","
                + s3Record("ObjectCreated:CompleteMultipartUpload", "two%2Bthree+four.csv")
                + "]}");

    assertThat(events)
        .extracting(e -> e.object().key())
        .containsExactly("one.csv", "two+three four.csv");
  }

  @Test
  void optionalFieldsThatAreMissingNullOrEmptyAreNull() throws IOException {
    LandedObject object =
        decode(
                "{\"Records\": [{\"eventSource\": \"aws:s3\", \"eventName\": \"ObjectCreated:Put\","
                    + " \"s3\": {\"bucket\": {\"name\": \"landing\"},"
                    + " \"object\": {\"key\": \"k.csv\","
                    + " \"eTag\": \"\", \"versionId\": null, \"size\": \"many\"}}}]}")
            .get(0)
            .object();

    assertThat(object).isEqualTo(new LandedObject("landing", "k.csv", null, null, null));
  }

  @Test
  void theCapitalisedEventSourceOfSnsStyleRecordsIsAccepted() throws IOException {
    String record =
        "{\"EventSource\": \"aws:s3\", \"eventName\": \"ObjectCreated:Put\", \"s3\": {\"bucket\":"
            + " {\"name\": \"landing\"}, \"object\": {\"key\": \"k.csv\", \"size\": 3}}}";

    assertThat(decode("{\"Records\": [" + record + "]}"))
        .extracting(ObjectEvent::object)
        .containsExactly(new LandedObject("landing", "k.csv", null, null, 3L));
  }

  @Test
  void aRecordWithoutItsBucketOrKeyIsMalformedAndSaysWhichFieldIsMissing() {
    assertThatThrownBy(
            () ->
                decode(
                    "{\"Records\": [{\"eventSource\": \"aws:s3\", \"eventName\":"
                        + " \"ObjectCreated:Put\", \"s3\": {\"bucket\": {\"name\": \"landing\"},"
                        + " \"object\": {\"key\": \"\"}}}]}"))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("event has no 'key'");
    assertThatThrownBy(
            () ->
                decode(
                    "{\"Records\": [{\"eventSource\": \"aws:s3\", \"eventName\":"
                        + " \"ObjectCreated:Put\", \"s3\": {\"bucket\": {\"name\": 7},"
                        + " \"object\": {\"key\": \"k\"}}}]}"))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("event has no 'name'");
    assertThatThrownBy(() -> decode("[1, 2]"))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("event is not a JSON object");
    assertThatThrownBy(() -> decoder.decode(null))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("event is not a JSON object");
    assertThatThrownBy(() -> decode("{\"Records\": [{\"eventSource\": \"aws:sns\"}]}"))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("unsupported event source 'aws:sns'");
  }

  @Test
  void anSqsMessageOfAnUnknownShapeIsReportedOnItsOwnWithTheReason() throws IOException {
    List<ObjectEvent> events =
        decode(
            "{\"Records\": [{\"eventSource\": \"aws:sqs\", \"messageId\": \"m-1\", \"body\":"
                + " \"{\\\"hello\\\": 1}\"}, {\"eventSource\": \"aws:sqs\", \"messageId\": \"m-2\","
                + " \"body\": "
                + json.writeValueAsString(bridge("Object Created", "trades/x.csv"))
                + "}]}");

    assertThat(events).hasSize(2);
    assertThat(events.get(0).messageId()).isEqualTo("m-1");
    assertThat(events.get(0).object()).isNull();
    assertThat(events.get(0).malformed())
        .isEqualTo("event is neither an S3 notification, an SQS batch nor an EventBridge event");
    assertThat(events.get(1).messageId()).isEqualTo("m-2");
    assertThat(events.get(1).object().key()).isEqualTo("trades/x.csv");
    assertThat(events.get(1).malformed()).isNull();
  }

  @Test
  void anSqsRecordWithoutAMessageIdIsMalformed() {
    assertThatThrownBy(
            () -> decode("{\"Records\": [{\"eventSource\": \"aws:sqs\", \"body\": \"{}\"}]}"))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("event has no 'messageId'");
  }

  private List<ObjectEvent> decode(String event) throws IOException {
    return decoder.decode(json.readTree(event));
  }

  private static String bridge(String detailType, String key) {
    return "{\"detail-type\": \""
        + detailType
        + "\", \"source\": \"aws.s3\", \"detail\": {\"bucket\": {\"name\": \"landing\"},"
        + " \"object\": {\"key\": \""
        + key
        + "\", \"size\": 5}}}";
  }

  private static String s3Record(String eventName, String key) {
    return "{\"eventSource\": \"aws:s3\", \"eventName\": \""
        + eventName
        + "\", \"s3\": {\"bucket\": {\"name\": \"landing\"}, \"object\": {\"key\": \""
        + key
        + "\", \"size\": 1}}}";
  }
}
