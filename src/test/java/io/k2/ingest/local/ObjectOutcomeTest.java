package io.k2.ingest.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectOutcomeTest {

  @Test
  void readsTheIngestResponseIgnoringFieldsItDoesNotKnow() {
    String response =
        """
        {"objects":[{"bucket":"landing","key":"asx/trades/7078.csv","status":"committed",
          "table":"market_data.trades","rows":91631,"rejected_rows":0,"snapshot_id":123,
          "error":null,"duration_ms":812,"files":[{"path":"s3://w/x.parquet"}]}],
         "batchItemFailures":[],"version":2}
        """;

    List<ObjectOutcome> outcomes =
        ObjectOutcome.fromResponse("landing", "asx/trades/7078.csv", response);

    assertThat(outcomes)
        .containsExactly(
            new ObjectOutcome(
                "landing",
                "asx/trades/7078.csv",
                "committed",
                "market_data.trades",
                91631L,
                0L,
                123L,
                null));
    assertThat(outcomes.get(0).isRunFailure()).isFalse();
  }

  @Test
  void missingFieldsAreNull() {
    String response =
        "{\"objects\":[{\"key\":\"k\",\"status\":\"rejected\",\"error\":\"unknown company 9\"}]}";

    ObjectOutcome outcome = ObjectOutcome.fromResponse("landing", "k", response).get(0);

    assertThat(outcome.status()).isEqualTo("rejected");
    assertThat(outcome.error()).isEqualTo("unknown company 9");
    assertThat(outcome.rows()).isNull();
    assertThat(outcome.snapshotId()).isNull();
  }

  @Test
  void anUnreadableResponseIsAFailureOfTheRunNamingTheObject() {
    ObjectOutcome notJson = ObjectOutcome.fromResponse("landing", "k", "Internal error").get(0);
    ObjectOutcome noObjects = ObjectOutcome.fromResponse("landing", "k", "{\"objects\":[]}").get(0);

    assertThat(notJson.status()).isEqualTo(ObjectOutcome.UNREADABLE_RESPONSE);
    assertThat(notJson.key()).isEqualTo("k");
    assertThat(notJson.isRunFailure()).isTrue();
    assertThat(noObjects.error()).startsWith("the response lists no objects");
  }

  @Test
  void anInvocationErrorKeepsTheExceptionTypeAndMessage() {
    ObjectOutcome outcome =
        ObjectOutcome.invocationError("landing", "k", new IllegalStateException("catalog down"));

    assertThat(outcome.status()).isEqualTo(ObjectOutcome.INVOCATION_ERROR);
    assertThat(outcome.error()).isEqualTo("java.lang.IllegalStateException: catalog down");
    assertThat(outcome.isRunFailure()).isTrue();
  }
}
