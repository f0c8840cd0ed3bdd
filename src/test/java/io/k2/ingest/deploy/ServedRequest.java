package io.k2.ingest.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One request the test servers answered, as the test support recorded it: who made it (a function's
 * handler name or the tests themselves), to which server, and the answer's status.
 */
record ServedRequest(
    String caller,
    String server,
    String via,
    String method,
    String path,
    String query,
    int status) {

  static List<ServedRequest> readAll(Path file) {
    ObjectMapper json = new ObjectMapper();
    List<ServedRequest> requests = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        JsonNode node = json.readTree(line);
        requests.add(
            new ServedRequest(
                node.path("caller").asText(),
                node.path("server").asText(),
                node.path("via").asText(null),
                node.path("method").asText(),
                node.path("path").asText(),
                node.path("query").asText(null),
                node.path("status").asInt()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    return requests;
  }

  @Override
  public String toString() {
    return caller
        + " "
        + method
        + " "
        + server
        + ":"
        + path
        + (query == null ? "" : "?" + query)
        + " -> "
        + status
        + (via == null ? "" : " (via " + via + ")");
  }
}
