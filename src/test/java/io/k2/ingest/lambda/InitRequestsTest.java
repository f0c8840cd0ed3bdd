package io.k2.ingest.lambda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.local.LocalAwsEnvironment;
import io.k2.ingest.local.LocalClients;
import io.k2.ingest.support.EmbeddedServersResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The init function's other requests, through the Lambda event path: describe, drop (confirmed
 * only, purge optional) and CloudFormation's custom resource requests, answered at a real
 * pre-signed S3 URL on the in-process server, as CloudFormation's own would be.
 */
@QuarkusTest
@TestProfile(InitFunctionProfile.class)
@QuarkusTestResource(EmbeddedServersResource.class)
class InitRequestsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TableIdentifier TRADES = TableIdentifier.of("market_data", "trades");

  @ConfigProperty(name = "quarkus.s3.endpoint-override")
  URI s3Endpoint;

  @ConfigProperty(name = "k2.catalog.uri")
  URI catalogUri;

  private RESTCatalog catalog;
  private S3Client s3;

  @BeforeEach
  void freshTables() {
    catalog = LocalClients.restCatalog(catalogUri, s3Endpoint);
    s3 = LocalClients.s3(s3Endpoint);
    for (String table : List.of("trades", "quotes", "ingest_log")) {
      catalog.dropTable(TableIdentifier.of("market_data", table), true);
    }
    invoke("{}").then().statusCode(200);
  }

  @AfterEach
  void disconnect() throws Exception {
    catalog.close();
    s3.close();
  }

  @Test
  void describeReportsEveryTableWithItsDrift() {
    Table quotes = catalog.loadTable(TableIdentifier.of("market_data", "quotes"));
    quotes.updateProperties().set("write.parquet.page-size-bytes", "8192").commit();

    JsonPath described =
        invoke("{\"action\":\"describe\"}").then().statusCode(200).extract().jsonPath();

    assertThat(described.getList("tables.table"))
        .containsExactly("market_data.trades", "market_data.quotes", "market_data.ingest_log");
    assertThat(described.getList("tables.exists")).containsOnly(true);
    assertThat(described.getString("tables[0].schema.find { it.name == 'price' }.type"))
        .isEqualTo("decimal(18, 6)");
    assertThat(described.getString("tables[0].partition_spec"))
        .isEqualTo("exchange_date=day(exchange_timestamp)");
    assertThat(described.getString("tables[0].sort_order"))
        .isEqualTo("exchange_timestamp ASC NULLS FIRST, sequence_number ASC NULLS FIRST");
    assertThat(described.getString("tables[0].properties.'write.parquet.compression-codec'"))
        .isEqualTo("zstd");
    assertThat(described.getLong("tables[0].rows")).isZero();
    assertThat(described.getList("tables[0].drift")).isEmpty();
    assertThat(described.getList("tables[1].drift"))
        .containsExactly("property write.parquet.page-size-bytes is 8192, expected 1048576");
    assertThat(described.getInt("tables[1].snapshots")).isZero();
  }

  @Test
  void dropIsRefusedWithoutTheTablesFullNameAsConfirmation() {
    Response refused = invoke("{\"action\":\"drop\",\"table\":\"trades\",\"confirm\":\"yes\"}");

    assertThat(refused.statusCode()).isEqualTo(500);
    assertThat(refused.asString())
        .contains("drop refused: set \\\"confirm\\\" to \\\"market_data.trades\\\"");
    assertThat(catalog.tableExists(TRADES)).isTrue();

    Response unmanaged =
        invoke("{\"action\":\"drop\",\"table\":\"other\",\"confirm\":\"market_data.other\"}");
    assertThat(unmanaged.asString()).contains("drop refused: other is not a table this function");
  }

  @Test
  void confirmedDropWithPurgeRemovesTheTableAndItsFiles() {
    // The table's own files: other tests' unpurged drops may leave files under the same prefix.
    String metadata =
        ((org.apache.iceberg.HasTableOperations) catalog.loadTable(TRADES))
            .operations()
            .current()
            .metadataFileLocation();
    String metadataKey = URI.create(metadata).getPath().substring(1);

    JsonPath dropped =
        invoke(
                "{\"action\":\"drop\",\"table\":\"trades\",\"confirm\":\"market_data.trades\","
                    + "\"purge\":true}")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(dropped.getString("table")).isEqualTo("market_data.trades");
    assertThat(dropped.getBoolean("dropped")).isTrue();
    assertThat(dropped.getBoolean("purged")).isTrue();
    assertThat(catalog.tableExists(TRADES)).isFalse();
    assertThat(s3.listObjectsV2(b -> b.bucket("warehouse").prefix(metadataKey)).contents())
        .as("the purged table's metadata file %s", metadataKey)
        .isEmpty();
  }

  @Test
  void onDeployCreatesTablesAndAnswersCloudFormation() throws Exception {
    catalog.dropTable(TRADES, true);

    JsonNode answer = deploy("Create", "answers/create.json");

    assertThat(answer.path("Status").asText()).isEqualTo("SUCCESS");
    assertThat(answer.path("RequestId").asText()).isEqualTo("request-Create");
    assertThat(answer.path("PhysicalResourceId").asText()).isEqualTo("TableInit");
    assertThat(answer.path("Data").path("Changed").asBoolean()).isTrue();
    assertThat(catalog.tableExists(TRADES)).isTrue();
  }

  @Test
  void onDeployFailsTheDeploymentWithTheReportWhenATableDrifted() throws Exception {
    catalog
        .loadTable(TRADES)
        .updateProperties()
        .set("write.parquet.page-size-bytes", "8192")
        .commit();

    JsonNode answer = deploy("Update", "answers/update.json");

    assertThat(answer.path("Status").asText()).isEqualTo("FAILED");
    assertThat(answer.path("Reason").asText())
        .startsWith("tables drifted: ")
        .contains("property write.parquet.page-size-bytes is 8192, expected 1048576");
  }

  @Test
  void onStackDeleteKeepsTheTables() throws Exception {
    JsonNode answer = deploy("Delete", "answers/delete.json");

    assertThat(answer.path("Status").asText()).isEqualTo("SUCCESS");
    assertThat(catalog.tableExists(TRADES)).isTrue();
  }

  @Test
  void theInitEventFilesInInfraGoThroughTheHandler() throws Exception {
    String describe =
        java.nio.file.Files.readString(java.nio.file.Path.of("infra", "events", "describe.json"));
    String drop =
        java.nio.file.Files.readString(
            java.nio.file.Path.of("infra", "events", "drop-trades.json"));

    assertThat(
            invoke(describe).then().statusCode(200).extract().jsonPath().getList("tables.exists"))
        .containsExactly(true, true, true);
    JsonPath dropped = invoke(drop).then().statusCode(200).extract().jsonPath();

    assertThat(dropped.getBoolean("dropped")).isTrue();
    assertThat(dropped.getBoolean("purged")).isFalse();
    assertThat(catalog.tableExists(TRADES)).isFalse();
  }

  /** Sends a custom resource request whose answer goes to a pre-signed PUT on the S3 server. */
  private JsonNode deploy(String requestType, String answerKey) throws Exception {
    String responseUrl;
    try (S3Presigner presigner =
        S3Presigner.builder()
            .endpointOverride(s3Endpoint)
            .region(Region.of(LocalAwsEnvironment.REGION))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(LocalClients.OBSERVER, "local-secret-key")))
            .build()) {
      responseUrl =
          presigner
              .presignPutObject(
                  b ->
                      b.signatureDuration(Duration.ofMinutes(5))
                          .putObjectRequest(p -> p.bucket("landing").key(answerKey)))
              .url()
              .toString();
    }
    String request =
        JSON.writeValueAsString(
            JSON.createObjectNode()
                .put("RequestType", requestType)
                .put("ServiceToken", "arn:aws:lambda:us-east-1:123456789012:function:k2-init")
                .put("ResponseURL", responseUrl)
                .put("StackId", "arn:aws:cloudformation:us-east-1:123456789012:stack/k2/1")
                .put("RequestId", "request-" + requestType)
                .put("LogicalResourceId", "TableInit")
                .put("ResourceType", "Custom::TableInit"));
    invoke(request).then().statusCode(200);
    return JSON.readTree(
        s3.getObjectAsBytes(b -> b.bucket("landing").key(answerKey)).asByteArray());
  }

  private static Response invoke(String body) {
    return given()
        .contentType("application/json")
        .accept("application/json")
        .body(body)
        .when()
        .post();
  }
}
