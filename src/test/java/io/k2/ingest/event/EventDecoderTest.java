package io.k2.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

  private final ObjectMapper json = new ObjectMapper();
  private final EventDecoder decoder = new EventDecoder(json);

  @Test
  void decodesS3RecordsAndUrlDecodesTheirKeys() throws IOException {
    List<ObjectEvent> events = decoder.decode(fixture("s3-put.json"));

    assertThat(events)
        .extracting(ObjectEvent::object)
        .containsExactly(
            new LandedObject(
                "landing",
                "trades/2026-11-24/desk one/trades(v2).csv",
                "d41d8cd98f00b204e9800998ecf8427e",
                "096fKKXTRTtl3on89fVO.nfljtsv6qko",
                1024L,
                "0055AED6DCD90281E5"),
            new LandedObject(
                "landing",
                "asx/quotes/7078.csv",
                "9b2cf535f27731c974343645a3985328-1",
                null,
                3623429L,
                "0055AED6DCD90281E6"));
    assertThat(events).extracting(ObjectEvent::messageId).containsOnlyNulls();
  }

  @Test
  void decodesSqsMessagesIgnoringTestEventsAndIsolatingBadBodies() throws IOException {
    List<ObjectEvent> events = decoder.decode(fixture("sqs-s3.json"));

    assertThat(events).hasSize(2);
    assertThat(events.get(0).messageId()).isEqualTo("059f36b4-87a3-44ab-83d2-661975830a7d");
    assertThat(events.get(0).object().key()).isEqualTo("asx/trades/7078.csv");
    assertThat(events.get(0).object().sequencer()).isEqualTo("0A1B2C3D4E5F678901");
    assertThat(events.get(1).messageId()).isEqualTo("c0b4e6a2-1111-4a5b-9f00-0d1e2f3a4b5c");
    assertThat(events.get(1).object()).isNull();
    assertThat(events.get(1).malformed()).isEqualTo("SQS message body is not JSON");
  }

  @Test
  void decodesEventBridgeObjectCreatedWithItsLiteralKey() throws IOException {
    List<ObjectEvent> events = decoder.decode(fixture("eventbridge.json"));

    assertThat(events)
        .extracting(ObjectEvent::object)
        .containsExactly(
            new LandedObject(
                "landing",
                "quotes/desk one/quotes.csv.gz",
                "b1946ac92492d2347c6235b4d2611184",
                "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e",
                5576L,
                "00617F08299329D189"));
  }

  @Test
  void decodesEventBridgeEventsDeliveredThroughSqs() throws IOException {
    String body = json.writeValueAsString(fixture("eventbridge.json"));
    JsonNode sqs =
        json.createObjectNode()
            .set(
                "Records",
                json.createArrayNode()
                    .add(
                        json.createObjectNode()
                            .put("messageId", "m-1")
                            .put("eventSource", "aws:sqs")
                            .put("body", body)));

    assertThat(decoder.decode(sqs))
        .singleElement()
        .satisfies(e -> assertThat(e.object().key()).isEqualTo("quotes/desk one/quotes.csv.gz"))
        .satisfies(e -> assertThat(e.object().sequencer()).isEqualTo("00617F08299329D189"));
  }

  @Test
  void ignoresOtherS3EventTypes() throws IOException {
    JsonNode event =
        json.readTree(
            """
        {"Records":[{"eventSource":"aws:s3","eventName":"ObjectRemoved:Delete",
          "s3":{"bucket":{"name":"landing"},"object":{"key":"trades/a.csv"}}}]}""");

    assertThat(decoder.decode(event)).isEmpty();
  }

  @Test
  void refusesEventsOfAnUnknownShape() throws IOException {
    assertThatThrownBy(() -> decoder.decode(json.readTree("{\"hello\":\"world\"}")))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("event is neither an S3 notification, an SQS batch nor an EventBridge event");
    assertThatThrownBy(
            () ->
                decoder.decode(
                    json.readTree(
                        "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"landing\"},\"object\":{}}}]}")))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("event has no 'key'");
  }

  private JsonNode fixture(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/events/" + name)) {
      return json.readTree(in);
    }
  }
}
