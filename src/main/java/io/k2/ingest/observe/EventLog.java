package io.k2.ingest.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Structured log events: each is one JSON object with its context (object, table, rows, files,
 * bytes, durations, snapshot), so logs can be queried by field in CloudWatch Logs Insights.
 * Callers pass only values they chose; nothing from the environment is ever logged.
 */
@ApplicationScoped
public class EventLog {

  private static final Logger LOG = Logger.getLogger("io.k2.ingest.events");

  private final ObjectMapper json;

  @Inject
  public EventLog(ObjectMapper json) {
    this.json = json;
  }

  public void info(String event, Map<String, ?> fields) {
    if (LOG.isInfoEnabled()) {
      LOG.info(render(event, fields));
    }
  }

  public void warn(String event, Map<String, ?> fields) {
    LOG.warn(render(event, fields));
  }

  private String render(String event, Map<String, ?> fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", event);
    line.putAll(fields);
    try {
      return json.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      return "{\"event\":\"" + event + "\",\"unserializable\":true}";
    }
  }
}
