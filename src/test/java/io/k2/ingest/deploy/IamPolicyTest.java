package io.k2.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.support.FunctionCallRecorder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves each function's IAM role against what the function did: every S3 and catalog request the
 * test servers answered for the ingest and init functions while the integration tests ran in this
 * JVM (Quarkus tests run before plain ones like this) is mapped to its IAM action and resource, and
 * the template must allow each; and every action a statement grants must have been needed by some
 * call, except the few listed below with the reason no test can make that call. Checked for the
 * default deployment: the Glue catalog.
 */
class IamPolicyTest {

  private static final String NAMESPACE = "market_data";

  /** Grants the code cannot show a need for, per statement and action, each with its reason. */
  private static final Map<String, String> NOT_OBSERVABLE_HERE =
      Map.of(
          "Logs/*", "the Lambda service writes the function's logs with its role",
          "ConsumeQueue/*", "the SQS event source mapping polls the queue with the function's role",
          "ReadLanding/s3:GetObjectVersion",
              "LandingStore pins a read to the event's versionId; S3Proxy keeps no versions",
          "WarehouseObjects/s3:AbortMultipartUpload",
              "S3FileIO aborts a failed multipart upload; test files stay under the part size");

  private static List<ServedRequest> requests;
  private static SamTemplate template;

  @BeforeAll
  static void readWhatTheFunctionsDid() {
    Path file = FunctionCallRecorder.file();
    assertThat(file)
        .as("requests recorded by the integration tests in this JVM; run this test with them")
        .exists();
    requests = ServedRequest.readAll(file);
    template =
        SamTemplate.load(
            Map.of("LandingBucketName", "landing", "WarehouseBucketName", "warehouse"));
    assertThat(template.parameter("CatalogType")).isEqualTo("glue");
  }

  @Test
  void initRoleAllowsEveryCallTheInitFunctionMakes() {
    assertEveryCallAllowed("init", "InitFunction");
  }

  @Test
  void ingestRoleAllowsEveryCallTheIngestFunctionMakes() {
    assertEveryCallAllowed("ingest", "IngestFunction");
  }

  @Test
  void initRoleGrantsNothingTheInitFunctionDoesNotNeed() {
    assertEveryGrantNeeded("init", "InitFunction");
  }

  @Test
  void ingestRoleGrantsNothingTheIngestFunctionDoesNotNeed() {
    assertEveryGrantNeeded("ingest", "IngestFunction");
  }

  private static void assertEveryCallAllowed(String function, String functionId) {
    RolePolicy policy = RolePolicy.of(template, functionId);
    List<ServedRequest> calls = callsOf(function);
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

  private static void assertEveryGrantNeeded(String function, String functionId) {
    RolePolicy policy = RolePolicy.of(template, functionId);
    List<IamActions.Need> needs = new ArrayList<>();
    callsOf(function).forEach(call -> needs.addAll(IamActions.of(call, NAMESPACE)));
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

  private static List<ServedRequest> callsOf(String function) {
    List<ServedRequest> calls = requests.stream().filter(r -> r.caller().equals(function)).toList();
    Set<String> callers = new LinkedHashSet<>();
    requests.forEach(r -> callers.add(r.caller()));
    assertThat(calls)
        .as("requests the %s function made (callers recorded: %s)", function, callers)
        .isNotEmpty();
    return calls;
  }
}
