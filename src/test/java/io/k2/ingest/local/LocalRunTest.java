package io.k2.ingest.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner end to end, with a stand-in function (see {@link FakeFunction}) on real servers. */
class LocalRunTest {

  @TempDir Path dir;
  private SystemPropertiesSnapshot systemProperties;
  private Path function;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void buildFunction() throws IOException {
    // The runner sets the function's configuration as system properties, in a JVM shared with
    // Quarkus tests; the credentials stay, as every local client and test resource sets them.
    LocalAwsEnvironment.useDummyCredentials();
    systemProperties = SystemPropertiesSnapshot.take();
    function = FakeFunction.build(Files.createDirectories(dir.resolve("target")));
  }

  @AfterEach
  void restoreSystemProperties() {
    systemProperties.restore();
  }

  @Test
  void landsTheSampleAndPrintsOneJsonDocumentOnStdout() throws IOException {
    int status =
        run(
            "--state",
            dir.resolve("state").toString(),
            "--function",
            function.toString(),
            "--json");

    JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    List<String> keys = new ArrayList<>();
    report.get("objects").forEach(o -> keys.add(o.get("key").asText()));
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(keys).hasSize(10).contains("asx/trades/4101.csv", "trades/sample-trades.csv");
    assertThat(report.get("reference_data").get(0).asText())
        .isEqualTo("asx/reference-data/company_info.csv");
    assertThat(dir.resolve("state/s3/landing/asx/reference-data/company_info.csv")).exists();
    assertThat(report.get("rejected").get(0).get("key").asText()).isEqualTo("asx/trades/9999.csv");
    assertThat(report.get("timings").get("invocations")).hasSize(10);
    assertThat(report.get("init").get("handler").asText()).isEqualTo("init");
    // The functions' logs go to a file under the state folder, whose path stderr names.
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("logs: ");
    try (var logs = java.nio.file.Files.list(dir.resolve("state/logs"))) {
      java.nio.file.Path log = logs.findFirst().orElseThrow();
      assertThat(java.nio.file.Files.readString(log))
          .contains("\"logger\":\"k2-ingest\",\"message\":\"handling ");
    }
    assertThat(dir.resolve("state/s3/landing/asx/trades/4101.csv")).exists();
    assertThat(dir.resolve("state/catalog.db")).exists();
  }

  @Test
  void everyLineOfTheLogFileIsOneJsonObjectWhileStdoutKeepsTheTextSummary() throws IOException {
    int status = run("--state", dir.resolve("state").toString(), "--function", function.toString());

    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Reference data");
    Path log;
    try (var logs = Files.list(dir.resolve("state/logs"))) {
      log = logs.findFirst().orElseThrow();
    }
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      JsonNode node = json.readTree(line);
      assertThat(node).as(line).isNotNull();
      assertThat(node.isObject()).as(line).isTrue();
      lines.add(node);
    }
    assertThat(lines).hasSizeGreaterThan(20);
    // Everything but the metric documents (kept as the function wrote them) has the shared keys.
    assertThat(lines.stream().filter(l -> !l.has("_aws")))
        .allSatisfy(l -> assertThat(l.has("timestamp") && l.has("level")).as(l.toString()).isTrue())
        .allSatisfy(l -> assertThat(l.path("logger").asText()).as(l.toString()).isNotEmpty())
        .allSatisfy(l -> assertThat(l.has("message")).as(l.toString()).isTrue());
    assertThat(lines).anySatisfy(l -> assertThat(l.has("_aws")).isTrue());
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(l.path("logger").asText()).isEqualTo("fake.Ingest");
              assertThat(l.path("level").asText()).isEqualTo("WARN");
              assertThat(l.path("message").asText()).isEqualTo("slow object x.csv");
            });
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(l.path("level").asText()).isEqualTo("ERROR");
              assertThat(l.path("message").asText()).isEqualTo("commit failed");
              assertThat(l.path("exception").asText())
                  .startsWith("java.lang.IllegalStateException: conflict")
                  .contains("\tat ");
            });
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(l.path("logger").asText()).isEqualTo(RunLog.CONSOLE);
              assertThat(l.path("message").asText()).isEqualTo("plain text on stderr");
            });
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(l.path("logger").asText()).isEqualTo(RunLog.RUNNER);
              assertThat(l.path("message").asText()).startsWith("ingest: asx/trades/4101.csv ->");
            });
  }

  @Test
  void landsTheUsersFilesUnderThePrefixAsReadableText() throws IOException {
    Path vendor = Files.createDirectories(dir.resolve("vendor/trades"));
    Files.writeString(vendor.resolve("7078 copy.csv"), "01/02/2014,10:00:00.000,1.0,1,0,,\r\n");
    Files.writeString(vendor.resolve("README.md"), "not data");

    int status =
        run(
            "--state",
            dir.resolve("state").toString(),
            "--function",
            function.toString(),
            "--land",
            dir.resolve("vendor").toString(),
            "--prefix",
            "asx/");

    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(text).startsWith("Objects (1)").contains("asx/trades/7078 copy.csv  committed");
    assertThat(dir.resolve("state/s3/landing/asx/trades/7078 copy.csv")).exists();
    assertThat(dir.resolve("state/sample")).doesNotExist();
  }

  @Test
  void badUsageAndAMissingBuildAreReportedWithTheirExitStatus() {
    assertThat(run("--nope")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option: --nope", "Usage:");

    assertThat(
            run(
                "--state",
                dir.resolve("s").toString(),
                "--function",
                dir.resolve("none").toString()))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("run ./mvnw package first");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private int run(String... args) {
    return LocalRun.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
