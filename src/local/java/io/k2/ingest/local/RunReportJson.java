package io.k2.ingest.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k2.ingest.local.RunReport.FunctionTiming;
import io.k2.ingest.local.RunReport.InvocationTiming;
import java.time.Duration;

/** The run report as one JSON document, for scripts ({@code --json}). Durations are in ms. */
final class RunReportJson {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunReportJson() {}

  static String render(RunReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.set("init", parsedOrText(report.initResponse()));
    ArrayNode referenceData = root.putArray("reference_data");
    report.referenceData().forEach(referenceData::add);
    ArrayNode objects = root.putArray("objects");
    report.objects().forEach(o -> objects.add(JSON.valueToTree(o)));
    ObjectNode tables = root.putObject("tables");
    report.tables().forEach((name, table) -> tables.set(name, table(table)));
    ArrayNode rejected = root.putArray("rejected");
    report
        .rejected()
        .forEach(o -> rejected.addObject().put("key", o.key()).put("error", o.error()));
    root.set("timings", timings(report.timings()));
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the run report as JSON", e);
    }
  }

  private static ObjectNode table(TableSummary table) {
    ObjectNode node = JSON.createObjectNode();
    node.put("rows", table.rows());
    node.put("files", table.files());
    node.put("snapshots", table.snapshots());
    ObjectNode partitions = node.putObject("partitions");
    table.partitions().forEach(partitions::put);
    return node;
  }

  private static ObjectNode timings(RunReport.Timings timings) {
    ObjectNode node = JSON.createObjectNode();
    node.put("servers_start_ms", millis(timings.serversStart()));
    node.set("init", function(timings.init()));
    node.set("ingest", timings.ingest().map(RunReportJson::function).orElse(null));
    ArrayNode invocations = node.putArray("invocations");
    for (InvocationTiming invocation : timings.invocations()) {
      invocations
          .addObject()
          .put("key", invocation.key())
          .put("ms", millis(invocation.elapsed()))
          .put("cold_start", invocation.coldStart());
    }
    node.put("total_ms", millis(timings.total()));
    return node;
  }

  private static ObjectNode function(FunctionTiming timing) {
    return JSON.createObjectNode()
        .put("init_phase_ms", millis(timing.initPhase()))
        .put("first_invocation_ms", millis(timing.firstInvocation()))
        .put("cold_start_ms", millis(timing.coldStart()));
  }

  private static long millis(Duration duration) {
    return duration.toMillis();
  }

  /** The function's answer as JSON when it is JSON, else as a string, never lost. */
  private static JsonNode parsedOrText(String response) {
    if (response == null) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(response);
    } catch (JsonProcessingException e) {
      return JSON.getNodeFactory().textNode(response);
    }
  }
}
