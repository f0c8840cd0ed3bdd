package io.k2.ingest.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes metrics in CloudWatch Embedded Metric Format: one JSON line on standard output per
 * object, which CloudWatch Logs turns into metrics without any API call from the function.
 */
@ApplicationScoped
public class EmbeddedMetrics {

  static final String NAMESPACE = "K2Ingest";

  private final ObjectMapper json;
  private final PrintStream out;

  @Inject
  public EmbeddedMetrics(ObjectMapper json) {
    this(json, System.out);
  }

  EmbeddedMetrics(ObjectMapper json, PrintStream out) {
    this.json = json;
    this.out = out;
  }

  /** Emits {@code values} (name to count, bytes or milliseconds) with a {@code Table} dimension. */
  public void publish(String table, List<Metric> values) {
    List<Map<String, String>> definitions = new ArrayList<>();
    Map<String, Object> line = new LinkedHashMap<>();
    for (Metric metric : values) {
      definitions.add(Map.of("Name", metric.name(), "Unit", metric.unit()));
    }
    line.put(
        "_aws",
        Map.of(
            "Timestamp",
            System.currentTimeMillis(),
            "CloudWatchMetrics",
            List.of(
                Map.of(
                    "Namespace", NAMESPACE,
                    "Dimensions", List.of(List.of("Table")),
                    "Metrics", definitions))));
    line.put("Table", table);
    values.forEach(metric -> line.put(metric.name(), metric.value()));
    try {
      out.println(json.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("metrics are plain maps and always serialize", e);
    }
  }

  /** One metric value. Units are CloudWatch's: Count, Bytes, Milliseconds. */
  public record Metric(String name, String unit, long value) {

    public static Metric count(String name, long value) {
      return new Metric(name, "Count", value);
    }

    public static Metric bytes(String name, long value) {
      return new Metric(name, "Bytes", value);
    }

    public static Metric millis(String name, long value) {
      return new Metric(name, "Milliseconds", value);
    }
  }
}
