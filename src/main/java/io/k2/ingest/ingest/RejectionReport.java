package io.k2.ingest.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.config.K2Config;
import io.k2.ingest.event.LandedObject;
import io.k2.ingest.parse.RowError;
import io.k2.ingest.source.LandingStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes why an object's rows were refused next to the landing data, as JSON lines: a first line
 * describing the object and the outcome, then one line per listed bad row.
 */
@ApplicationScoped
public class RejectionReport {

  private final LandingStore landing;
  private final ObjectMapper json;
  private final String prefix;

  @Inject
  public RejectionReport(LandingStore landing, ObjectMapper json, K2Config config) {
    this.landing = landing;
    this.json = json;
    this.prefix = config.landing().rejectedPrefix();
  }

  /** Where the report for an object goes: {@code <prefix><key>.errors.jsonl}, same bucket. */
  public String keyFor(String key) {
    return prefix + key + ".errors.jsonl";
  }

  void write(LandedObject object, String status, String error, long totalBadRows, List<RowError> listed) {
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("source_file", object.uri());
    head.put("status", status);
    head.put("error", error);
    head.put("total_errors", totalBadRows);
    head.put("listed_errors", listed.size());
    StringBuilder text = new StringBuilder(line(head));
    for (RowError row : listed) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("line", row.line());
      entry.put("column", row.column());
      entry.put("value", row.value());
      entry.put("reason", row.reason());
      text.append(line(entry));
    }
    landing.putText(object.bucket(), keyFor(object.key()), "application/x-ndjson", text.toString());
  }

  private String line(Map<String, Object> value) {
    try {
      return json.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
