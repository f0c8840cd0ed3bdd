package io.k2.ingest.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.local.LocalLambdaRuntime.FunctionSettings;
import io.k2.ingest.local.LocalLambdaRuntime.Invocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLambdaRuntimeTest {

  @TempDir Path dir;
  private SystemPropertiesSnapshot systemProperties;
  private FunctionPackage function;
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

  @BeforeEach
  void buildFunction() throws IOException {
    // Functions are configured through system properties, shared with every test in this JVM.
    systemProperties = SystemPropertiesSnapshot.take();
    function = FunctionPackage.inBuildOutput(FakeFunction.build(dir));
  }

  @AfterEach
  void restoreSystemProperties() {
    systemProperties.restore();
  }

  @Test
  void runsTheFunctionInItsOwnClassLoaderWithAContext() throws IOException {
    LocalLambdaRuntime runtime =
        LocalLambdaRuntime.start(function, settings("k2-init", "init"), log);

    Invocation first = runtime.invoke("{\"a\":1}");
    Invocation second = runtime.invoke("{}");

    JsonNode response = new ObjectMapper().readTree(first.response());
    assertThat(first.failed()).isFalse();
    assertThat(response.get("event").get("a").asInt()).isEqualTo(1);
    assertThat(response.get("function").asText()).isEqualTo("k2-init");
    assertThat(response.get("leak").asBoolean())
        .as("runner classes visible to the function")
        .isFalse();
    assertThat(response.get("ownContextLoader").asBoolean()).isTrue();
    assertThat(response.get("remaining").asInt()).isBetween(800_000, 900_000);
    assertThat(response.get("memory").asInt()).isEqualTo(2048);
    assertThat(first.coldStart()).isTrue();
    assertThat(second.coldStart()).isFalse();
    JsonNode line =
        new ObjectMapper()
            .readTree(
                logged
                    .toString(StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> l.contains(first.requestId()))
                    .findFirst()
                    .orElseThrow());
    assertThat(line.path("logger").asText()).isEqualTo("k2-init");
    assertThat(line.path("level").asText()).isEqualTo("INFO");
    assertThat(line.path("message").asText()).isEqualTo("handling " + first.requestId());
    assertThat(line.path("requestId").asText()).isEqualTo(first.requestId());
  }

  @Test
  void eachFunctionBootsWithItsOwnConfiguration() throws IOException {
    LocalLambdaRuntime init = LocalLambdaRuntime.start(function, settings("k2-init", "init"), log);
    LocalLambdaRuntime other =
        LocalLambdaRuntime.start(function, settings("k2-other", "other"), log);

    assertThat(handler(other.invoke("{}"))).isEqualTo("other");
    assertThat(handler(init.invoke("{}"))).isEqualTo("init");
  }

  @Test
  void anExceptionIsTheInvocationsErrorNotTheRuntimes() {
    LocalLambdaRuntime runtime =
        LocalLambdaRuntime.start(function, settings("k2-init", "init"), log);

    Invocation call = runtime.invoke("\"boom\"");

    assertThat(call.failed()).isTrue();
    assertThat(call.response()).isNull();
    assertThat(call.error()).isInstanceOf(IllegalStateException.class).hasMessage("boom in init");
    assertThat(runtime.invoke("{}").failed()).isFalse();
  }

  @Test
  void theClassPathIsTheRunnerJarThenItsManifestLibraries() {
    assertThat(function.runnerJar().getFileName().toString()).isEqualTo("fake-1.0-runner.jar");
    assertThat(function.libraries())
        .containsExactly(dir.resolve("lib/com.amazonaws.aws-lambda-java-core.jar"));
    assertThat(function.classPath()).hasSize(2);
  }

  @Test
  void saysWhatIsMissingFromTheBuildOutput() throws IOException {
    Files.delete(dir.resolve("lib/com.amazonaws.aws-lambda-java-core.jar"));

    assertThatThrownBy(() -> FunctionPackage.inBuildOutput(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lib/com.amazonaws.aws-lambda-java-core.jar, which is missing");
    assertThatThrownBy(() -> FunctionPackage.inBuildOutput(dir.resolve("lib")))
        .hasMessageContaining("Expected one *-runner.jar")
        .hasMessageContaining("./mvnw package");
  }

  private static FunctionSettings settings(String name, String handler) {
    return FunctionSettings.of(name, Map.of(FakeFunction.HANDLER_PROPERTY, handler));
  }

  private static String handler(Invocation call) throws IOException {
    return new ObjectMapper().readTree(call.response()).get("handler").asText();
  }
}
