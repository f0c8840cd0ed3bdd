package io.k2.ingest.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.catalog.InitReport;
import io.k2.ingest.catalog.StorageCheck;
import io.k2.ingest.catalog.TableDescriber;
import io.k2.ingest.catalog.TableDropper;
import io.k2.ingest.catalog.TableInitializer;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The init function, the tables' manager. Selected with {@code quarkus.lambda.handler=init}. It
 * answers:
 *
 * <ul>
 *   <li>any event without {@code action} (or {@code "action": "init"}): checks storage, creates the
 *       namespace and tables when missing, reports drift;
 *   <li>a CloudFormation custom resource request (init on deploy): the same on Create and Update,
 *       answered FAILED with the report when a table drifted, which fails the deployment; Delete
 *       changes nothing;
 *   <li>{@code {"action": "describe"}}: per table, schema, partition spec, sort order, properties,
 *       rows, files, snapshots and drift;
 *   <li>{@code {"action": "drop", "table": "trades", "confirm": "market_data.trades", "purge":
 *       false}}: drops one managed table, only with the confirmation.
 * </ul>
 */
@Named("init")
public class InitHandler implements RequestHandler<JsonNode, Object> {

  private static final Logger LOG = Logger.getLogger(InitHandler.class);

  @Inject StorageCheck storage;
  @Inject TableInitializer initializer;
  @Inject TableDescriber describer;
  @Inject TableDropper dropper;
  @Inject ObjectMapper json;

  @Override
  public Object handleRequest(JsonNode request, Context context) {
    if (CloudFormationResponse.isRequest(request)) {
      return onDeploy(request);
    }
    String action = request == null ? "init" : request.path("action").asText("init");
    return switch (action) {
      case "init" -> initialize();
      case "describe" -> Map.of("tables", describer.describe());
      case "drop" ->
          dropper.drop(
              request.path("table").asText(null),
              request.path("confirm").asText(null),
              request.path("purge").asBoolean(false));
      default ->
          throw new IllegalArgumentException(
              "unknown action \"" + action + "\": expected init, describe or drop");
    };
  }

  private InitReport initialize() {
    storage.verify();
    return initializer.initialize();
  }

  private Object onDeploy(JsonNode request) {
    String type = request.get("RequestType").asText();
    if ("Delete".equals(type)) {
      // Tables outlive the stack, as the buckets do (DeletionPolicy: Retain).
      return CloudFormationResponse.send(json, request, true, "tables are kept", Map.of());
    }
    InitReport report;
    try {
      report = initialize();
    } catch (RuntimeException e) { // any failure must reach CloudFormation, or the stack hangs
      LOG.error("Init on deploy failed", e);
      return CloudFormationResponse.send(
          json, request, false, "init failed: " + e.getMessage(), Map.of());
    }
    Map<String, Object> data = Map.of("Namespace", report.namespace(), "Changed", report.changed());
    if (report.drifted()) {
      return CloudFormationResponse.send(
          json, request, false, "tables drifted: " + render(report), data);
    }
    return CloudFormationResponse.send(json, request, true, render(report), data);
  }

  private String render(InitReport report) {
    try {
      return json.writeValueAsString(report);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return report.toString();
    }
  }
}
