package io.k2.ingest.maintain;

import com.fasterxml.jackson.databind.JsonNode;
import io.k2.ingest.domain.MarketTable;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which tables and steps one pass covers. A scheduled event (or any event without these fields)
 * asks for everything; by hand, {@code {"tables": ["trades"], "steps": ["compact"],
 * "min_partition_age": "PT0S"}} narrows it.
 */
public record MaintenanceRequest(
    List<MarketTable> tables, Set<Step> steps, Optional<Duration> minPartitionAge) {

  /** The steps of a pass, in the order they run. */
  public enum Step {
    COMPACT("compact"),
    REWRITE_MANIFESTS("rewrite-manifests"),
    EXPIRE_SNAPSHOTS("expire-snapshots"),
    REMOVE_ORPHANS("remove-orphans");

    private final String json;

    Step(String json) {
      this.json = json;
    }

    public String json() {
      return json;
    }
  }

  public MaintenanceRequest {
    tables = List.copyOf(tables);
    steps = steps.isEmpty() ? EnumSet.noneOf(Step.class) : EnumSet.copyOf(steps);
  }

  /** Every table, every step, the configured partition age: what the schedule runs. */
  public static MaintenanceRequest everything() {
    return new MaintenanceRequest(
        Arrays.asList(MarketTable.values()), EnumSet.allOf(Step.class), Optional.empty());
  }

  /**
   * Reads an invocation's event.
   *
   * @throws IllegalArgumentException naming the field and value that cannot be understood
   */
  public static MaintenanceRequest from(JsonNode event) {
    MaintenanceRequest all = everything();
    if (event == null || !event.isObject()) {
      return all;
    }
    List<MarketTable> tables = all.tables();
    if (event.has("tables")) {
      tables = new ArrayList<>();
      for (JsonNode name : event.get("tables")) {
        tables.add(table(name.asText()));
      }
    }
    Set<Step> steps = all.steps();
    if (event.has("steps")) {
      steps = EnumSet.noneOf(Step.class);
      for (JsonNode name : event.get("steps")) {
        steps.add(step(name.asText()));
      }
    }
    Optional<Duration> age = Optional.empty();
    if (event.hasNonNull("min_partition_age")) {
      String text = event.get("min_partition_age").asText();
      try {
        age = Optional.of(Duration.parse(text));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "min_partition_age '" + text + "' is not an ISO-8601 duration such as PT2H", e);
      }
    }
    return new MaintenanceRequest(tables, steps, age);
  }

  private static MarketTable table(String name) {
    return Arrays.stream(MarketTable.values())
        .filter(t -> t.defaultName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "tables: unknown table '" + name + "' (trades, quotes or ingest_log)"));
  }

  private static Step step(String name) {
    return Arrays.stream(Step.values())
        .filter(s -> s.json().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "steps: unknown step '"
                        + name
                        + "' (compact, rewrite-manifests, expire-snapshots, remove-orphans)"));
  }
}
