package io.k2.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.config.K2Config;
import io.k2.ingest.local.LocalFunctionConfiguration;
import jakarta.inject.Named;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Reads {@code infra/template.yaml} against the code it deploys: handler names, environment
 * variables against configuration keys, notification prefixes against routes, runtime against build
 * variant, outputs, and the artifact trimming lists against the jars they trim.
 */
class DeploymentTemplateTest {

  private static final Map<String, String> BUCKETS =
      Map.of("LandingBucketName", "landing", "WarehouseBucketName", "warehouse");

  @Test
  void everyFunctionSelectsAHandlerThatExists() throws Exception {
    SamTemplate template = SamTemplate.load(BUCKETS);
    Set<String> handlers = namedHandlers();
    assertThat(handlers).contains("ingest", "init");
    Map<String, String> selected = new LinkedHashMap<>();
    functions(template)
        .forEach(
            (id, properties) ->
                selected.put(
                    id, (String) environment(template, properties).get("QUARKUS_LAMBDA_HANDLER")));
    assertThat(selected).containsOnlyKeys("IngestFunction", "InitFunction", "MaintenanceFunction");
    assertThat(selected.values()).allSatisfy(h -> assertThat(handlers).contains(h));
    // The runtime's entry point (JVM build): Quarkus' stream handler, which dispatches by name.
    String handler = (String) template.globals().get("Handler");
    String[] parts = handler.split("::");
    Class.forName(parts[0])
        .getMethod(
            parts[1],
            InputStream.class,
            OutputStream.class,
            com.amazonaws.services.lambda.runtime.Context.class);
  }

  @Test
  void everyEnvironmentVariableIsAConfigurationKey() throws IOException {
    SamTemplate template = SamTemplate.load(BUCKETS);
    Set<String> keys = new TreeSet<>(configMappingKeys("k2", K2Config.class));
    keys.addAll(applicationProperties().stringPropertyNames());
    // Keys every integration test sets to reach its servers: proven to take effect.
    keys.addAll(
        LocalFunctionConfiguration.forServers(URI.create("http://s3"), URI.create("http://c"))
            .keySet());
    Set<String> asVariables = new HashSet<>();
    keys.forEach(key -> asVariables.add(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase()));
    List<String> unknown = new ArrayList<>();
    functions(template)
        .forEach(
            (id, properties) ->
                environment(template, properties).keySet().stream()
                    .filter(name -> !name.equals("JAVA_TOOL_OPTIONS")) // read by the JVM itself
                    .filter(name -> !asVariables.contains(name))
                    .forEach(name -> unknown.add(id + ": " + name)));
    assertThat(unknown).as("variables no configuration key reads").isEmpty();
    // And what has no default must be set by the template or application.properties.
    Set<String> set =
        new HashSet<>(map(map(template.globals(), "Environment"), "Variables").keySet());
    applicationProperties()
        .stringPropertyNames()
        .forEach(key -> set.add(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase()));
    assertThat(set).contains("K2_CATALOG_TYPE", "K2_CATALOG_WAREHOUSE", "K2_LANDING_BUCKETS");
  }

  @Test
  void notificationPrefixesAreTheRoutes() throws IOException {
    Properties properties = applicationProperties();
    Set<String> routes = new TreeSet<>();
    properties.stringPropertyNames().stream()
        .filter(key -> key.matches("k2\\.routes\\[\\d+]\\.prefix"))
        .forEach(key -> routes.add(properties.getProperty(key)));
    assertThat(routes).isNotEmpty();

    SamTemplate sqs = SamTemplate.load(withParameter("NotificationMode", "sqs"));
    Map<String, Object> notifications =
        map(map(sqs.resources().get("LandingBucket"), "Properties"), "NotificationConfiguration");
    Set<String> notified = new TreeSet<>();
    for (Object queue : (List<?>) notifications.get("QueueConfigurations")) {
      Map<String, Object> key = map(map((Map<String, Object>) queue, "Filter"), "S3Key");
      for (Object rule : (List<?>) key.get("Rules")) {
        notified.add((String) ((Map<?, ?>) rule).get("Value"));
      }
    }
    assertThat(notified).as("S3 notification prefixes").isEqualTo(routes);

    SamTemplate eventBridge = SamTemplate.load(withParameter("NotificationMode", "eventbridge"));
    Map<String, Object> pattern =
        map(
            map(eventBridge.resources().get("LandingObjectCreatedRule"), "Properties"),
            "EventPattern");
    Set<String> matched = new TreeSet<>();
    for (Object prefix : (List<?>) map(map(pattern, "detail"), "object").get("key")) {
      matched.add((String) ((Map<?, ?>) prefix).get("prefix"));
    }
    assertThat(matched).as("EventBridge rule prefixes").isEqualTo(routes);
  }

  @Test
  void theJvmBuildRunsOnAJavaRuntimeWithSnapStart() throws IOException {
    SamTemplate jvm = SamTemplate.load(BUCKETS);
    String runtime = (String) jvm.globals().get("Runtime");
    assertThat(runtime).isIn("java21", "java25");
    assertThat(Integer.parseInt(runtime.substring(4)))
        .as("the runtime runs the compiled bytecode")
        .isGreaterThanOrEqualTo(bytecodeRelease());
    Map<String, Object> ingest = functions(jvm).get("IngestFunction");
    assertThat(map(ingest, "SnapStart")).containsEntry("ApplyOn", "PublishedVersions");
    assertThat(ingest).containsKey("AutoPublishAlias"); // SnapStart applies to versions
    assertThat((Integer) map(ingest, "EphemeralStorage").get("Size"))
        .as("SnapStart allows at most 512 MB of /tmp")
        .isLessThanOrEqualTo(512);
    assertThat(environment(jvm, ingest)).containsKey("JAVA_TOOL_OPTIONS");
  }

  @Test
  void theNativeBuildRunsOnProvidedAl2023WithoutJvmSettings() {
    SamTemplate nativeBuild = SamTemplate.load(withParameter("BuildVariant", "native"));
    assertThat(nativeBuild.globals().get("Runtime")).isEqualTo("provided.al2023");
    Map<String, Object> ingest = functions(nativeBuild).get("IngestFunction");
    assertThat(map(ingest, "SnapStart")).containsEntry("ApplyOn", "None");
    assertThat(environment(nativeBuild, ingest)).doesNotContainKey("JAVA_TOOL_OPTIONS");
  }

  @Test
  void outputsNameEveryBucketQueueAndFunction() {
    SamTemplate template = SamTemplate.load(BUCKETS);
    Set<String> outputs = new HashSet<>();
    template
        .outputs()
        .values()
        .forEach(o -> outputs.add(String.valueOf(((Map<?, ?>) o).get("Value"))));
    template
        .resources()
        .forEach(
            (id, resource) -> {
              String type = (String) resource.get("Type");
              if (List.of("AWS::S3::Bucket", "AWS::SQS::Queue", "AWS::Serverless::Function")
                  .contains(type)) {
                assertThat(
                        outputs.stream().anyMatch(o -> o.contains(id) || namesBucket(o, resource)))
                    .as("an output for %s", id)
                    .isTrue();
              }
            });
    assertThat(template.outputs()).containsKeys("DeadLetterQueueArn", "IngestQueueArn");
  }

  @Test
  void initRunsOnDeployUnlessTurnedOff() {
    Map<String, Map<String, Object>> on = SamTemplate.load(BUCKETS).resources();
    assertThat(on).containsKey("TableInit");
    assertThat((String) map(on.get("TableInit"), "Properties").get("ServiceToken"))
        .as("the init function's ARN")
        .contains(":InitFunction/Arn");
    assertThat(SamTemplate.load(withParameter("InitOnDeploy", "false")).resources())
        .doesNotContainKey("TableInit");
  }

  @Test
  void everyTrimmedResourceIsInTheJarItIsTrimmedFrom() throws Exception {
    Properties properties = applicationProperties();
    properties.putAll(properties("removed-classes.properties"));
    String prefix = "quarkus.class-loading.removed-resources.";
    List<String> stale = new ArrayList<>();
    for (String key : properties.stringPropertyNames()) {
      String unprofiled = key.replaceFirst("^%prod\\.", "");
      if (!unprofiled.startsWith(prefix)) {
        continue;
      }
      String artifact = unprofiled.substring(prefix.length()).replace("\"", "");
      Path jar = jarOf(artifact);
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        for (String entry : properties.getProperty(key).split(",")) {
          if (zip.getEntry(entry.trim()) == null) {
            stale.add(artifact + ": " + entry.trim());
          }
        }
      }
    }
    assertThat(stale).as("trimmed entries missing from the jars (a version changed?)").isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  private static boolean namesBucket(String output, Map<String, Object> resource) {
    Object name = ((Map<?, ?>) resource.getOrDefault("Properties", Map.of())).get("BucketName");
    return name != null && output.contains(String.valueOf(name));
  }

  private static Map<String, String> withParameter(String name, String value) {
    Map<String, String> parameters = new LinkedHashMap<>(BUCKETS);
    parameters.put(name, value);
    return parameters;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

  /** The functions' properties with SAM's Globals merged in, as SAM does. */
  private static Map<String, Map<String, Object>> functions(SamTemplate template) {
    Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
    template
        .resources()
        .forEach(
            (id, resource) -> {
              if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                Map<String, Object> merged = new LinkedHashMap<>(template.globals());
                merged.putAll(map(resource, "Properties"));
                functions.put(id, merged);
              }
            });
    return functions;
  }

  /** Globals' variables overlaid with the function's own, as SAM merges them. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(
      SamTemplate template, Map<String, Object> function) {
    Map<String, Object> variables = new LinkedHashMap<>();
    Map<String, Object> global = (Map<String, Object>) template.globals().get("Environment");
    if (global != null) {
      variables.putAll((Map<String, Object>) global.get("Variables"));
    }
    Map<String, Object> own = (Map<String, Object>) function.get("Environment");
    if (own != null && own != global) {
      variables.putAll((Map<String, Object>) own.get("Variables"));
    }
    return variables;
  }

  private static Set<String> namedHandlers() throws Exception {
    Set<String> names = new TreeSet<>();
    Path dir = Path.of("target", "classes", "io", "k2", "ingest", "lambda");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String simple = file.getFileName().toString().replace(".class", "");
        Class<?> type = Class.forName("io.k2.ingest.lambda." + simple);
        Named named = type.getAnnotation(Named.class);
        if (named != null
            && com.amazonaws.services.lambda.runtime.RequestHandler.class.isAssignableFrom(type)) {
          names.add(named.value());
        }
      }
    }
    return names;
  }

  /** Every leaf key of a {@code @ConfigMapping} interface, maps as {@code name.*}. */
  private static Set<String> configMappingKeys(String prefix, Class<?> mapping) {
    Set<String> keys = new TreeSet<>();
    for (Method method : mapping.getMethods()) {
      if (method.isDefault()
          || method.getParameterCount() > 0
          || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      String key =
          prefix + "." + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
      Class<?> type = method.getReturnType();
      if (type.isInterface() && type.getEnclosingClass() == K2Config.class) {
        keys.addAll(configMappingKeys(key, type));
      } else if (List.class.equals(type)
          && method.getGenericReturnType() instanceof ParameterizedType generic
          && generic.getActualTypeArguments()[0] instanceof Class<?> element
          && element.isInterface()
          && element.getEnclosingClass() == K2Config.class) {
        keys.addAll(configMappingKeys(key + "[0]", element));
      } else if (Map.class.equals(type)) {
        keys.add(key + ".*");
      } else {
        keys.add(key);
      }
    }
    return keys;
  }

  private static Properties applicationProperties() throws IOException {
    return properties("application.properties");
  }

  private static Properties properties(String name) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of("src", "main", "resources", name))) {
      properties.load(reader);
    }
    return properties;
  }

  /** The major class-file version of the compiled handlers, as a Java release (61 is 17). */
  private static int bytecodeRelease() throws IOException {
    Path handler =
        Path.of("target", "classes", "io", "k2", "ingest", "lambda", "IngestHandler.class");
    try (DataInputStream in = new DataInputStream(Files.newInputStream(handler))) {
      in.readInt(); // magic
      in.readUnsignedShort(); // minor
      return in.readUnsignedShort() - 44;
    }
  }

  /** The jar of {@code group:artifact} in the local Maven repository the build resolved from. */
  private static Path jarOf(String artifact) throws IOException {
    String[] coordinates = artifact.split(":");
    Path dir =
        Path.of(System.getProperty("user.home"), ".m2", "repository")
            .resolve(coordinates[0].replace('.', '/'))
            .resolve(coordinates[1]);
    String classPath = System.getProperty("java.class.path");
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      if (entry.contains("/" + coordinates[1] + "/") && entry.endsWith(".jar")) {
        return Path.of(entry);
      }
    }
    try (Stream<Path> jars = Files.walk(dir)) {
      Optional<Path> any = jars.filter(p -> p.toString().endsWith(".jar")).findFirst();
      return any.orElseThrow(() -> new IOException("no jar of " + artifact + " under " + dir));
    }
  }
}
