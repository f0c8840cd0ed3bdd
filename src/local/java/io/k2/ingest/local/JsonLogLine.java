package io.k2.ingest.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;

/**
 * One log line as the deployed function writes it (application.properties: {@code
 * quarkus.log.console.json}): a JSON object with {@code timestamp}, {@code level}, {@code logger},
 * {@code message}, the event's own fields at the top level and {@code exception} with its stack
 * trace. The local run writes its log file in this shape so that the same queries read both.
 */
final class JsonLogLine {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLogLine() {}

  /** The line, without its line break. */
  static String of(
      Instant time,
      String level,
      String logger,
      String message,
      Map<String, ?> fields,
      Throwable thrown) {
    ObjectNode line = JSON.createObjectNode();
    line.put("timestamp", time.toString());
    line.put("level", level);
    line.put("logger", logger);
    line.put("message", message);
    // A field never replaces the shared keys, as in the function's own event lines.
    fields.forEach((name, value) -> line.putIfAbsent(name, JSON.valueToTree(value)));
    if (thrown != null) {
      StringWriter trace = new StringWriter();
      thrown.printStackTrace(new PrintWriter(trace));
      line.put("exception", trace.toString().stripTrailing());
    }
    try {
      return JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }

  /** A line from the runner itself. */
  static String info(String logger, String message, Map<String, ?> fields) {
    return of(Instant.now(), "INFO", logger, message, fields, null);
  }

  /** An error with its exception, in one line. */
  static String error(String logger, String message, Throwable thrown) {
    return of(Instant.now(), "ERROR", logger, message, Map.of(), thrown);
  }

  /** Whether {@code text} is already one JSON object (an event line, a metrics document). */
  static boolean isObject(String text) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
      return false;
    }
    try {
      JsonNode node = JSON.readTree(trimmed);
      return node != null && node.isObject();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** Quarkus' level names for {@code java.util.logging} levels, by severity. */
  static String level(java.util.logging.Level level) {
    int value = level.intValue();
    if (value >= java.util.logging.Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (value >= java.util.logging.Level.WARNING.intValue()) {
      return "WARN";
    }
    if (value >= java.util.logging.Level.INFO.intValue()) {
      return "INFO";
    }
    return value >= java.util.logging.Level.FINE.intValue() ? "DEBUG" : "TRACE";
  }
}
