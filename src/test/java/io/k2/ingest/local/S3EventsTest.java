package io.k2.ingest.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.local.S3Events.CreatedObject;
import io.quarkus.amazon.lambda.runtime.handlers.S3EventInputReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class S3EventsTest {

  private static final CreatedObject OBJECT =
      new CreatedObject(
          "landing",
          "asx/trades/my file (1)+é.csv",
          1234,
          "9b2cf535f27731c974343645a3985328",
          S3Events.sequencer(255),
          Instant.parse("2026-11-24T13:00:00.123Z"));

  @Test
  void encodesKeysAsS3DoesInEvents() {
    assertThat(S3Events.encodeKey("asx/trades/7078.csv")).isEqualTo("asx/trades/7078.csv");
    assertThat(S3Events.encodeKey("asx/trades/my file (1)+é.csv"))
        .isEqualTo("asx/trades/my+file+%281%29%2B%C3%A9.csv");
    assertThat(S3Events.encodeKey("a=b/c,d")).isEqualTo("a%3Db/c%2Cd");
  }

  @Test
  void hasTheShapeS3Sends() throws IOException {
    JsonNode record =
        new ObjectMapper().readTree(S3Events.objectCreated(OBJECT)).get("Records").get(0);

    assertThat(record.get("eventSource").asText()).isEqualTo("aws:s3");
    assertThat(record.get("eventName").asText()).isEqualTo("ObjectCreated:Put");
    assertThat(record.get("eventTime").asText()).isEqualTo("2026-11-24T13:00:00.123Z");
    JsonNode s3 = record.get("s3");
    assertThat(s3.get("bucket").get("arn").asText()).isEqualTo("arn:aws:s3:::landing");
    assertThat(s3.get("object").get("key").asText())
        .isEqualTo("asx/trades/my+file+%281%29%2B%C3%A9.csv");
    assertThat(s3.get("object").get("size").asLong()).isEqualTo(1234);
    assertThat(s3.get("object").get("sequencer").asText()).isEqualTo("00000000000000FF");
    assertThat(s3.get("object").has("versionId")).isFalse();
  }

  @Test
  void theFunctionsEventReaderGetsTheKeyBack() throws IOException {
    byte[] json = S3Events.objectCreated(OBJECT).getBytes(StandardCharsets.UTF_8);

    S3Event event =
        new S3EventInputReader(new ObjectMapper()).readValue(new ByteArrayInputStream(json));

    S3EventNotificationRecord record = event.getRecords().get(0);
    assertThat(record.getS3().getBucket().getName()).isEqualTo("landing");
    assertThat(record.getS3().getObject().getUrlDecodedKey()).isEqualTo(OBJECT.key());
    assertThat(record.getS3().getObject().getSizeAsLong()).isEqualTo(1234L);
    assertThat(record.getS3().getObject().geteTag()).isEqualTo(OBJECT.eTag());
  }

  @Test
  void sequencersGrowInHexadecimal() {
    assertThat(S3Events.sequencer(10)).isEqualTo("000000000000000A");
    assertThat(S3Events.sequencer(11)).isGreaterThan(S3Events.sequencer(10));
  }
}
