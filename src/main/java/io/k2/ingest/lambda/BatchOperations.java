package io.k2.ingest.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k2.ingest.ingest.IngestResponse;
import io.k2.ingest.ingest.ObjectOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * S3 Batch Operations backfill: an invocation (schema 1.0 or 2.0) names objects as tasks; each
 * becomes one message of an SQS-shaped S3 notification whose message id is the task id, so the
 * objects take exactly the path (and keep exactly the guarantees) of queued events, and a failure
 * comes back per task instead of failing the invocation. Each outcome becomes the task's result:
 * committed, duplicate or reference data {@code Succeeded}; rejected {@code PermanentFailure} with
 * the reason; failed {@code TemporaryFailure}, which Batch Operations retries.
 */
final class BatchOperations {

  private BatchOperations() {}

  /** Whether {@code event} is a Batch Operations invocation. */
  static boolean isInvocation(JsonNode event) {
    return event != null && event.hasNonNull("invocationSchemaVersion") && event.has("tasks");
  }

  /** The invocation as an SQS batch of S3 notifications, one message per task. */
  static JsonNode asQueuedNotifications(ObjectMapper json, JsonNode invocation) {
    ArrayNode messages = json.createArrayNode();
    for (JsonNode task : invocation.path("tasks")) {
      // 1.0 names the bucket by ARN, 2.0 by name; keys are URL-encoded, as in notifications.
      String bucket =
          task.hasNonNull("s3Bucket")
              ? task.get("s3Bucket").asText()
              : task.path("s3BucketArn").asText().replaceFirst("^arn:[^:]+:s3:::", "");
      ObjectNode object = json.createObjectNode().put("key", task.path("s3Key").asText());
      if (task.hasNonNull("s3VersionId") && !task.get("s3VersionId").asText().isEmpty()) {
        object.put("versionId", task.get("s3VersionId").asText());
      }
      ObjectNode record = json.createObjectNode();
      record.put("eventSource", "aws:s3");
      record.put("eventName", "ObjectCreated:BatchOperations");
      record.set(
          "s3",
          json.createObjectNode()
              .<ObjectNode>set("bucket", json.createObjectNode().put("name", bucket))
              .set("object", object));
      ObjectNode notification = json.createObjectNode();
      notification.set("Records", json.createArrayNode().add(record));
      messages.add(
          json.createObjectNode()
              .put("eventSource", "aws:sqs")
              .put("messageId", task.path("taskId").asText())
              .put("body", notification.toString()));
    }
    ObjectNode queued = json.createObjectNode();
    queued.set("Records", messages);
    return queued;
  }

  /** The response Batch Operations expects: one result per task, in the tasks' order. */
  static ObjectNode results(ObjectMapper json, JsonNode invocation, IngestResponse response) {
    Map<String, List<ObjectOutcome>> byTask = new HashMap<>();
    for (ObjectOutcome outcome : response.objects()) {
      byTask.computeIfAbsent(outcome.messageId(), t -> new ArrayList<>()).add(outcome);
    }
    ArrayNode results = json.createArrayNode();
    for (JsonNode task : invocation.path("tasks")) {
      String taskId = task.path("taskId").asText();
      List<ObjectOutcome> outcomes = byTask.getOrDefault(taskId, List.of());
      ObjectNode result = results.addObject().put("taskId", taskId);
      if (outcomes.size() != 1) {
        result
            .put("resultCode", "PermanentFailure")
            .put("resultString", "the task named " + outcomes.size() + " objects, expected 1");
        continue;
      }
      ObjectOutcome outcome = outcomes.get(0);
      switch (outcome.status()) {
        case COMMITTED ->
            result
                .put("resultCode", "Succeeded")
                .put(
                    "resultString",
                    "committed "
                        + outcome.rows()
                        + " rows to "
                        + outcome.table()
                        + " in snapshot "
                        + outcome.snapshotId());
        case DUPLICATE ->
            result
                .put("resultCode", "Succeeded")
                .put(
                    "resultString", "duplicate: already in " + outcome.table() + ", nothing added");
        case REFERENCE ->
            result
                .put("resultCode", "Succeeded")
                .put("resultString", "reference data: nothing to ingest");
        case REJECTED ->
            result
                .put("resultCode", "PermanentFailure")
                .put("resultString", "rejected: " + outcome.error());
        case FAILED ->
            result
                .put("resultCode", "TemporaryFailure")
                .put("resultString", "failed, retry: " + outcome.error());
        default -> throw new IllegalStateException("unmapped status " + outcome.status());
      }
    }
    ObjectNode answer = json.createObjectNode();
    answer.put("invocationSchemaVersion", invocation.path("invocationSchemaVersion").asText());
    // A key that no longer exists cannot appear by retrying.
    answer.put("treatMissingKeysAs", "PermanentFailure");
    answer.put("invocationId", invocation.path("invocationId").asText());
    answer.set("results", results);
    return answer;
  }
}
