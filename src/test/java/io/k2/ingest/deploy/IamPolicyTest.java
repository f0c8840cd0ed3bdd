package io.k2.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.lambda.IngestHandler;
import io.k2.ingest.lambda.InitHandler;
import io.k2.ingest.lambda.MaintenanceHandler;
import io.k2.ingest.support.EmbeddedServersResource;
import io.k2.ingest.support.FunctionCallRecorder;
import io.k2.ingest.support.Landing;
import io.k2.ingest.support.Landing.Landed;
import io.k2.ingest.support.TestWarehouse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.rest.RESTCatalog;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Proves each function's IAM role against what the function does. The test drives every path of the
 * three handlers itself, on the in-process S3 server and REST catalog (which record every request
 * they answer, with who made it): init creates the namespace and tables, describes them, drops one
 * with and one without purge and creates them again; ingest commits ASX and CSV files, skips
 * duplicates, applies a correction, rejects a bad file, misses a deleted key and runs a Batch
 * Operations task; maintenance compacts, expires snapshots and looks for orphans. Each request is
 * mapped to its IAM action and resource; the template's policy for that function must allow each,
 * and every action a statement grants must be needed by some call, except the few listed below with
 * the reason no test can make that call. Checked for the default deployment: the Glue catalog.
 * Requests other tests in the same JVM recorded are checked against the roles too, whenever they
 * ran before this one.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedServersResource.class)
@TestProfile(IamPolicyProfile.class) // expiry acts at once, so its deletes are seen
class IamPolicyTest {

  private static final String NAMESPACE = "market_data";

  /** Each function's handler name, as the recorder names callers, and its template resource. */
  private static final Map<String, String> FUNCTIONS =
      Map.of("ingest", "IngestFunction", "init", "InitFunction", "maintain", "MaintenanceFunction");

  /** Grants the code cannot show a need for, per statement and action, each with its reason. */
  private static final Map<String, String> NOT_OBSERVABLE_HERE =
      Map.of(
          "Logs/*", "the Lambda service writes the function's logs with its role",
          "ConsumeQueue/*", "the SQS event source mapping polls the queue with the function's role",
          "ReadLanding/s3:GetObjectVersion",
              "LandingStore pins a read to the event's versionId; S3Proxy keeps no versions",
          "WarehouseObjects/s3:AbortMultipartUpload",
              "S3FileIO aborts a failed multipart upload; test files stay under the part size");

  private static final String TRADES_HEADER =
      "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers\n";

  /** The calls this test drove, recorded once for all its checks. */
  private static List<ServedRequest> driven;

  private static SamTemplate template;

  @Inject
  @Named("ingest")
  IngestHandler ingest;

  @Inject
  @Named("init")
  InitHandler init;

  @Inject
  @Named("maintain")
  MaintenanceHandler maintain;

  @Inject ObjectMapper json;

  @ConfigProperty(name = "quarkus.s3.endpoint-override")
  URI s3Endpoint;

  @ConfigProperty(name = "k2.catalog.uri")
  URI catalogUri;

  @Test
  void initRoleAllowsEveryCallTheInitFunctionMakes() {
    assertEveryCallAllowed("init", callsOf("init"));
  }

  @Test
  void ingestRoleAllowsEveryCallTheIngestFunctionMakes() {
    assertEveryCallAllowed("ingest", callsOf("ingest"));
  }

  @Test
  void maintenanceRoleAllowsEveryCallTheMaintenanceFunctionMakes() {
    assertEveryCallAllowed("maintain", callsOf("maintain"));
  }

  @Test
  void initRoleGrantsNothingTheInitFunctionDoesNotNeed() {
    assertEveryGrantNeeded("init", callsOf("init"));
  }

  @Test
  void ingestRoleGrantsNothingTheIngestFunctionDoesNotNeed() {
    assertEveryGrantNeeded("ingest", callsOf("ingest"));
  }

  @Test
  void maintenanceRoleGrantsNothingTheMaintenanceFunctionDoesNotNeed() {
    assertEveryGrantNeeded("maintain", callsOf("maintain"));
  }

  /** Whatever else this JVM's tests recorded (more of the same paths) is allowed as well. */
  @Test
  void everyFunctionCallRecordedInThisJvmIsAllowed() {
    callsOf("init"); // makes sure this test's own calls are in the record
    List<ServedRequest> all = ServedRequest.readAll(FunctionCallRecorder.file());
    for (String function : FUNCTIONS.keySet()) {
      assertEveryCallAllowed(
          function, all.stream().filter(r -> r.caller().equals(function)).toList());
    }
  }

  // ------------------------------------------------------------------ driving the functions

  private List<ServedRequest> callsOf(String function) {
    synchronized (IamPolicyTest.class) {
      if (driven == null) {
        template =
            SamTemplate.load(
                Map.of("LandingBucketName", "landing", "WarehouseBucketName", "warehouse"));
        assertThat(template.parameter("CatalogType")).isEqualTo("glue");
        int before = recorded().size();
        driveEveryFunction();
        List<ServedRequest> all = recorded();
        driven = List.copyOf(all.subList(before, all.size()));
      }
    }
    List<ServedRequest> calls = driven.stream().filter(r -> r.caller().equals(function)).toList();
    Set<String> callers = new LinkedHashSet<>();
    driven.forEach(r -> callers.add(r.caller()));
    assertThat(calls)
        .as("requests the %s function made (callers recorded: %s)", function, callers)
        .isNotEmpty();
    return calls;
  }

  private static List<ServedRequest> recorded() {
    Path file = FunctionCallRecorder.file();
    return Files.exists(file) ? ServedRequest.readAll(file) : List.of();
  }

  private void driveEveryFunction() {
    try (TestWarehouse warehouse = TestWarehouse.connect(s3Endpoint, catalogUri)) {
      FunctionCallRecorder.asObserver(() -> dropEverything(warehouse.catalog()));
      FunctionCallRecorder.asCaller("init", this::driveInit);
      FunctionCallRecorder.asCaller("ingest", () -> driveIngest(warehouse.landing()));
      FunctionCallRecorder.asCaller("maintain", this::driveMaintenance);
    }
  }

  /** A first deployment: no namespace, no tables. */
  private static void dropEverything(RESTCatalog catalog) {
    Namespace namespace = Namespace.of(NAMESPACE);
    if (catalog.namespaceExists(namespace)) {
      catalog.listTables(namespace).forEach(table -> catalog.dropTable(table, true));
      catalog.dropNamespace(namespace);
    }
  }

  private void driveInit() {
    JsonNode created = init("{}");
    assertThat(created.path("namespace_created").asBoolean()).as(created.toString()).isTrue();
    JsonNode described = init("{\"action\":\"describe\"}");
    assertThat(described.path("tables")).hasSize(3);
    JsonNode kept =
        init("{\"action\":\"drop\",\"table\":\"trades\",\"confirm\":\"market_data.trades\"}");
    JsonNode purged =
        init(
            "{\"action\":\"drop\",\"table\":\"quotes\",\"confirm\":\"market_data.quotes\","
                + "\"purge\":true}");
    assertThat(kept.path("dropped").asBoolean() && purged.path("purged").asBoolean()).isTrue();
    JsonNode again = init("{}");
    assertThat(again.path("tables").findValuesAsText("status"))
        .as(again.toString())
        .containsExactly("created", "created", "existed");
  }

  private void driveIngest(Landing landing) {
    List<Landed> landed = new ArrayList<>();
    landing.put(
        "asx/reference-data/company_info.csv",
        "company_id,symbol,company_name,ISIN,start_date,end_date\n"
            + "4101,SXI,Southern Cross Iron Ltd,AU000000SXI0,07/01/2003,\n");
    landed.add(
        landing.put(
            "asx/trades/4101.csv",
            "03/10/2014,10:00:03.196,3.44,1200,0,,\n03/11/2014,10:01:59.597,3.45,1100,0,,\n"));
    landed.add(landing.put("trades/iam/a.csv", trades("BHP,7078,ASX,2014-03-10T10:00:00,36.71")));
    landed.add(landing.put("trades/iam/b.csv", trades("BHP,7078,ASX,2014-03-10T11:00:00,36.72")));
    landed.add(
        landing.put(
            "quotes/iam/q.csv",
            "symbol,company_id,exchange,exchange_timestamp,bid_price,bid_volume,ask_price,"
                + "ask_volume\nBHP,7078,ASX,2014-03-10T10:00:00,36.70,10,36.72,20\n"));
    landed.add(landing.put("trades/iam/bad.csv", trades("BHP,7078,ASX,2014-03-10T12:00:00,x")));
    Landed[] objects = landed.toArray(Landed[]::new);

    assertThat(ingest(Landing.s3Event(objects)).findValuesAsText("status"))
        .containsExactly("committed", "committed", "committed", "committed", "rejected");
    assertThat(ingest(Landing.s3Event(objects)).findValuesAsText("status"))
        .containsExactly("duplicate", "duplicate", "duplicate", "duplicate", "rejected");
    Landed corrected =
        landing.put("trades/iam/a.csv", trades("BHP,7078,ASX,2014-03-10T10:00:00,36.75"));
    assertThat(ingest(Landing.s3Event(corrected)).findValuesAsText("status"))
        .containsExactly("replaced");
    // Deleted since its event: a 404, which only ListBucket lets S3 answer instead of a 403.
    Landed gone = new Landed("landing", "trades/iam/gone.csv", "0123456789abcdef", 10, "00AA");
    JsonNode missing = ingest(Landing.sqsEvent(gone));
    assertThat(missing.findValuesAsText("status")).containsExactly("failed");
    JsonNode backfill =
        ingest(
            "{\"invocationSchemaVersion\":\"2.0\",\"invocationId\":\"i\",\"job\":{\"id\":\"j\"},"
                + "\"tasks\":[{\"taskId\":\"t\",\"s3Bucket\":\"landing\","
                + "\"s3Key\":\"trades/iam/b.csv\",\"s3VersionId\":null}]}");
    assertThat(backfill.findValuesAsText("resultCode")).containsExactly("Succeeded");
  }

  private void driveMaintenance() {
    JsonNode report =
        json.valueToTree(maintain.handleRequest(read("{\"min_partition_age\":\"PT0S\"}"), null));
    assertThat(report.findValuesAsText("outcome")).as(report.toString()).contains("compacted");
    assertThat(report.findValues("snapshots_expired").stream().mapToInt(JsonNode::asInt).sum())
        .as(report.toString())
        .isPositive();
  }

  private static String trades(String row) {
    return TRADES_HEADER + row + ",100,0\n";
  }

  private JsonNode init(String event) {
    return json.valueToTree(init.handleRequest(read(event), null));
  }

  private JsonNode ingest(String event) {
    return json.valueToTree(ingest.handleRequest(read(event), null));
  }

  private JsonNode read(String event) {
    try {
      return json.readTree(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------ checking the roles

  private static void assertEveryCallAllowed(String function, List<ServedRequest> calls) {
    RolePolicy policy = RolePolicy.of(template, FUNCTIONS.get(function));
    List<String> denied = new ArrayList<>();
    for (ServedRequest call : calls) {
      for (IamActions.Need need : IamActions.of(call, NAMESPACE)) {
        if (!policy.allows(need)) {
          denied.add(need.action() + " on " + need.resource() + " for " + call);
        }
      }
    }
    assertThat(denied).as("calls %s's role %s does not allow", function, policy.role()).isEmpty();
  }

  private static void assertEveryGrantNeeded(String function, List<ServedRequest> calls) {
    RolePolicy policy = RolePolicy.of(template, FUNCTIONS.get(function));
    List<IamActions.Need> needs = new ArrayList<>();
    calls.forEach(call -> needs.addAll(IamActions.of(call, NAMESPACE)));
    Set<String> unneeded = new TreeSet<>();
    for (RolePolicy.Statement statement : policy.statements()) {
      if (NOT_OBSERVABLE_HERE.containsKey(statement.sid() + "/*")) {
        continue;
      }
      // Each action must be needed on one of the statement's resources, and each resource by
      // one of its actions: a statement naming two buckets for one of them grants too much.
      for (String action : statement.actions()) {
        if (!NOT_OBSERVABLE_HERE.containsKey(statement.sid() + "/" + action)
            && needs.stream().noneMatch(n -> grants(action, statement.resources(), n))) {
          unneeded.add(statement.sid() + ": " + action);
        }
      }
      for (String resource : statement.resources()) {
        if (needs.stream().noneMatch(n -> grants(statement.actions(), resource, n))) {
          unneeded.add(statement.sid() + ": " + resource);
        }
      }
    }
    assertThat(unneeded).as("grants of %s no call of %s needed", policy.role(), function).isEmpty();
  }

  private static boolean grants(String action, List<String> resources, IamActions.Need need) {
    return RolePolicy.matches(action, need.action(), true)
        && resources.stream().anyMatch(r -> RolePolicy.matches(r, need.resource(), false));
  }

  private static boolean grants(List<String> actions, String resource, IamActions.Need need) {
    return RolePolicy.matches(resource, need.resource(), false)
        && actions.stream().anyMatch(a -> RolePolicy.matches(a, need.action(), true));
  }
}
