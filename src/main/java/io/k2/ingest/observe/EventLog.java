package io.k2.ingest.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Structured log events: each is one JSON line with the same keys as every other log line ({@code
 * timestamp}, {@code level}, {@code logger}, {@code message}) and the event's context (object,
 * table, rows, files, bytes, durations, snapshot) as top-level fields, so CloudWatch Logs Insights
 * can filter and aggregate by field. The line is written whole to standard output, like the
 * metrics, because the JSON log formatter would nest the fields; the category's level ({@code
 * io.k2.ingest.events}) still decides what is written. Callers pass only values they chose; nothing
 * from the environment is ever logged.
 */
@ApplicationScoped
public class EventLog {

  static final String CATEGORY = "io.k2.ingest.events";
  private static final Logger LOG = Logger.getLogger(CATEGORY);

  private final ObjectMapper json;
  private final PrintStream out;

  @Inject
  public EventLog(ObjectMapper json) {
    this(json, null);
  }

  /** {@code out} null: whatever {@code System.out} is when an event is written. */
  EventLog(ObjectMapper json, PrintStream out) {
    this.json = json;
    this.out = out;
  }

  public void info(String event, Map<String, ?> fields) {
    if (LOG.isInfoEnabled()) {
      out().println(render("INFO", event, fields));
    }
  }

  public void warn(String event, Map<String, ?> fields) {
    if (LOG.isEnabled(Logger.Level.WARN)) {
      out().println(render("WARN", event, fields));
    }
  }

  private PrintStream out() {
    return out != null ? out : System.out;
  }

  String render(String level, String event, Map<String, ?> fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("timestamp", Instant.now().toString());
    line.put("level", level);
    line.put("logger", CATEGORY);
    line.put("message", event);
    line.put("event", event);
    // A field never replaces the keys every line shares.
    fields.forEach(line::putIfAbsent);
    try {
      return json.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      line.keySet()
          .retainAll(java.util.List.of("timestamp", "level", "logger", "message", "event"));
      line.put("unserializable", true);
      try {
        return json.writeValueAsString(line);
      } catch (JsonProcessingException impossible) {
        throw new IllegalStateException("strings always serialize", impossible);
      }
    }
  }
}
