package io.k2.ingest.lambda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.catalog.TableInitializer;
import io.k2.ingest.local.LocalClients;
import io.k2.ingest.support.EmbeddedServersResource;
import io.k2.ingest.support.FunctionCallRecorder;
import io.k2.ingest.support.Landing;
import io.k2.ingest.support.Landing.Landed;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the function refuses, and what it never says. */
@QuarkusTest
@QuarkusTestResource(EmbeddedServersResource.class)
class SecurityTest {

  @Inject TableInitializer initializer;

  @ConfigProperty(name = "quarkus.s3.endpoint-override")
  URI s3Endpoint;

  @ConfigProperty(name = "k2.catalog.uri")
  URI catalogUri;

  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          StringWriter text = new StringWriter();
          text.append(String.valueOf(record.getMessage())).append(' ');
          if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
              text.append(String.valueOf(parameter)).append(' ');
            }
          }
          if (record.getThrown() != null) {
            record.getThrown().printStackTrace(new PrintWriter(text));
          }
          logLines.add(text.toString());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  // Event and metric lines are written whole to standard output, beside the logging system.
  private final PrintStream originalOut = System.out;
  private final PrintStream captureOut =
      new PrintStream(
          new java.io.OutputStream() {
            private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
              originalOut.write(b);
              if (b == '\n') {
                logLines.add(line.toString(java.nio.charset.StandardCharsets.UTF_8));
                line.reset();
              } else {
                line.write(b);
              }
            }
          },
          true,
          java.nio.charset.StandardCharsets.UTF_8);

  @BeforeEach
  void setUp() {
    Logger.getLogger("").addHandler(capture);
    System.setOut(captureOut);
    FunctionCallRecorder.asObserver(initializer::initialize);
  }

  @AfterEach
  void tearDown() {
    Logger.getLogger("").removeHandler(capture);
    System.setOut(originalOut);
  }

  @Test
  void anObjectOverTheSizeLimitIsRefusedBeforeItIsRead() {
    Landed claimed = new Landed("landing", "trades/huge.csv", "etag", 6L * 1024 * 1024 * 1024);

    JsonPath response = IngestFunctionTest.invoke(Landing.s3Event(claimed));

    assertThat(response.getString("objects[0].status")).isEqualTo("rejected");
    assertThat(response.getString("objects[0].error"))
        .isEqualTo("object is 6442450944 bytes, over the limit of 5368709120 bytes");
  }

  @Test
  void credentialsNeverReachTheLogsOnSuccessOrFailure() throws Exception {
    String secret = System.getProperty("aws.secretAccessKey");
    assertThat(secret).isNotBlank();
    Landing landing = new Landing(LocalClients.s3(s3Endpoint));
    landing.put("asx/reference-data/company_info.csv", IngestFunctionTest.COMPANIES);
    Landed good = landing.put("asx/trades/7078.csv", "03/12/2014,10:00:00.000,36.5,10,0,,\r\n");
    Landed bad = landing.put("asx/trades/3153.csv", "03/12/2014,10:00:00.000,-36.5,10,0,,\r\n");
    IngestFunctionTest.invoke(Landing.s3Event(good, bad));
    try (RESTCatalog catalog = LocalClients.restCatalog(catalogUri, s3Endpoint)) {
      catalog.dropTable(TableIdentifier.of("market_data", "quotes"), true);
    }
    Landed quotes =
        landing.put("asx/quotes/7078.csv", "03/12/2014,10:00:00.000,36.5,36.6,100,200\r\n");
    given()
        .contentType("application/json")
        .body(Landing.s3Event(quotes))
        .when()
        .post()
        .then()
        .statusCode(500);

    assertThat(logLines).isNotEmpty();
    assertThat(logLines).anySatisfy(line -> assertThat(line).contains("object.failed"));
    assertThat(logLines).noneSatisfy(line -> assertThat(line).contains(secret));
    assertThat(logLines)
        .noneSatisfy(line -> assertThat(line).containsIgnoringCase("secretAccessKey"));
    assertThat(logLines).noneSatisfy(line -> assertThat(line).contains("AWS_SESSION_TOKEN"));
  }
}
