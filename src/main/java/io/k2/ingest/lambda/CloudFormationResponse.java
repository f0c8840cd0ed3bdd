package io.k2.ingest.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Map;

/**
 * The answer to a CloudFormation custom resource request: a JSON document PUT to the request's
 * pre-signed {@code ResponseURL}. Without it the stack waits for an hour, so it is sent whatever
 * happened. The reason is cut to fit CloudFormation's 4 KB response limit.
 */
final class CloudFormationResponse {

  private static final int MAX_REASON = 3000;

  private CloudFormationResponse() {}

  /** Whether {@code event} is a custom resource request (Create, Update or Delete). */
  static boolean isRequest(JsonNode event) {
    return event != null && event.hasNonNull("RequestType") && event.hasNonNull("ResponseURL");
  }

  static ObjectNode send(
      ObjectMapper json, JsonNode request, boolean success, String reason, Map<String, ?> data) {
    ObjectNode response = json.createObjectNode();
    response.put("Status", success ? "SUCCESS" : "FAILED");
    response.put(
        "Reason", reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason);
    // Stable across updates: CloudFormation would otherwise "replace" the resource and delete
    // the old one, which is harmless here but noisy.
    response.put(
        "PhysicalResourceId",
        request.hasNonNull("PhysicalResourceId")
            ? request.get("PhysicalResourceId").asText()
            : request.path("LogicalResourceId").asText("TableInit"));
    response.put("StackId", request.path("StackId").asText());
    response.put("RequestId", request.path("RequestId").asText());
    response.put("LogicalResourceId", request.path("LogicalResourceId").asText());
    response.set("Data", json.valueToTree(data));
    put(URI.create(request.get("ResponseURL").asText()), json, response);
    return response;
  }

  private static void put(URI url, ObjectMapper json, ObjectNode response) {
    try {
      byte[] body = json.writeValueAsBytes(response);
      HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
      connection.setRequestMethod("PUT");
      connection.setDoOutput(true);
      // The pre-signed URL was signed without a content type: sending one breaks the signature.
      connection.setRequestProperty("Content-Type", "");
      connection.setFixedLengthStreamingMode(body.length);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      int status = connection.getResponseCode();
      if (status / 100 != 2) {
        throw new IOException("HTTP " + status + " from the custom resource response URL");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot answer CloudFormation at " + url.getHost() + ": " + e.getMessage(), e);
    }
  }
}
