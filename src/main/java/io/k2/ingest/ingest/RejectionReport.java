package io.k2.ingest.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.config.K2Config;
import io.k2.ingest.event.LandedObject;
import io.k2.ingest.parse.RowError;
import io.k2.ingest.source.LandingStore;
import io.k2.ingest.source.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes why an object's rows were refused next to the landing data, as JSON lines: a first line
 * describing the object and the outcome, then one line per listed bad row.
 */
@ApplicationScoped
public class RejectionReport {

  static final int MAX_VALUE_CHARS = 200;

  private final LandingStore landing;
  private final ObjectMapper json;
  private final String prefix;

  @Inject
  public RejectionReport(LandingStore landing, ObjectMapper json, K2Config config) {
    this.landing = landing;
    this.json = json;
    this.prefix = config.landing().rejectedPrefix();
  }

  /**
   * Where the report for an object goes: {@code <prefix><key>.errors.jsonl}, same bucket. A key the
   * router refused (a {@code ..} segment, a control character) is percent-encoded into one safe
   * name instead, under {@code <prefix>unsafe-keys/}, so its report can never land in the slot of
   * another object's report, or outside the prefix.
   */
  public String keyFor(String key) {
    if (ObjectKeys.problem(key) != null) {
      return prefix
          + "unsafe-keys/"
          + URLEncoder.encode(key, StandardCharsets.UTF_8)
          + ".errors.jsonl";
    }
    return prefix + key + ".errors.jsonl";
  }

  /** A report due for an object: its status ({@code rejected} or {@code committed}) and errors. */
  record Report(
      LandedObject object, String status, String error, long totalBadRows, List<RowError> listed) {}

  void write(Report report) {
    write(report.object(), report.status(), report.error(), report.totalBadRows(), report.listed());
  }

  private void write(
      LandedObject object, String status, String error, long totalBadRows, List<RowError> listed) {
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
      entry.put("value", abbreviate(row.value()));
      entry.put("reason", row.reason());
      text.append(line(entry));
    }
    landing.putText(object.bucket(), keyFor(object.key()), "application/x-ndjson", text.toString());
  }

  // A report lists up to a thousand rows: a huge field must not make it huge.
  private static String abbreviate(String value) {
    if (value == null || value.length() <= MAX_VALUE_CHARS) {
      return value;
    }
    return value.substring(0, MAX_VALUE_CHARS) + "... (" + value.length() + " characters)";
  }

  private String line(Map<String, Object> value) {
    try {
      return json.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
