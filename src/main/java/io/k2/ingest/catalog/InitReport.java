package io.k2.ingest.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What the init function found and did: the namespace and, per table, its state. */
public record InitReport(
    String namespace,
    @JsonProperty("namespace_created") boolean namespaceCreated,
    List<TableStatus> tables,
    @JsonProperty("changed") boolean changed) {

  /** One table: {@code created}, {@code existed} (as defined) or {@code drifted} (with details). */
  public record TableStatus(String table, String status, List<String> differences) {

    static TableStatus created(String table) {
      return new TableStatus(table, "created", List.of());
    }

    static TableStatus existed(String table, List<String> differences) {
      return new TableStatus(table, differences.isEmpty() ? "existed" : "drifted", differences);
    }
  }

  public boolean drifted() {
    return tables.stream().anyMatch(t -> "drifted".equals(t.status()));
  }
}
