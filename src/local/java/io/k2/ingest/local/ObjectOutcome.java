package io.k2.ingest.local;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What the ingest function made of one landed object, read from its response. Fields the runner
 * does not know are ignored, and missing ones are null, so the function's response may grow.
 *
 * @param status {@code committed}, {@code duplicate}, {@code rejected}, {@code failed}, ...; or,
 *     set by the runner, {@value #INVOCATION_ERROR} when the function threw and {@value
 *     #UNREADABLE_RESPONSE} when its answer was not the expected JSON
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ObjectOutcome(
    String bucket,
    String key,
    String status,
    String table,
    Long rows,
    Long rejectedRows,
    Long snapshotId,
    String error) {

  public static final String INVOCATION_ERROR = "invocation-error";
  public static final String UNREADABLE_RESPONSE = "unreadable-response";
  public static final String REJECTED = "rejected";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The ingest function's response: one entry per object of the event. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record IngestResponse(
      @JsonProperty("objects") List<ObjectOutcome> objects,
      @JsonProperty("batchItemFailures") List<Object> batchItemFailures) {}

  /** The outcomes in the function's response for the event about {@code bucket/key}. */
  public static List<ObjectOutcome> fromResponse(String bucket, String key, String responseJson) {
    IngestResponse response;
    try {
      response = JSON.readValue(responseJson, IngestResponse.class);
    } catch (JsonProcessingException e) {
      return List.of(unreadable(bucket, key, e.getOriginalMessage()));
    }
    if (response == null || response.objects() == null || response.objects().isEmpty()) {
      return List.of(unreadable(bucket, key, "the response lists no objects: " + responseJson));
    }
    return List.copyOf(response.objects());
  }

  /** The function threw instead of answering. */
  public static ObjectOutcome invocationError(String bucket, String key, Throwable error) {
    String message = error.getClass().getName() + ": " + error.getMessage();
    return new ObjectOutcome(bucket, key, INVOCATION_ERROR, null, null, null, null, message);
  }

  private static ObjectOutcome unreadable(String bucket, String key, String why) {
    return new ObjectOutcome(bucket, key, UNREADABLE_RESPONSE, null, null, null, null, why);
  }

  /** Whether the runner, not the function, had to describe this object. */
  @JsonIgnore
  public boolean isRunFailure() {
    return INVOCATION_ERROR.equals(status) || UNREADABLE_RESPONSE.equals(status);
  }
}
