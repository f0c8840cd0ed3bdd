package io.k2.ingest.local.bench;

import io.k2.ingest.local.LocalAwsEnvironment;
import io.k2.ingest.local.LocalLambdaRuntime.Invocation;
import io.quarkus.amazon.lambda.runtime.MockEventServer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The packaged function in a JVM process of its own, as a Lambda execution environment runs it: the
 * AWS Lambda Java runtime interface client (what the managed Java runtimes run) loads {@code
 * function.zip}, unpacked as Lambda unpacks it into its task root, and polls the Lambda Runtime
 * API, served here by Quarkus's mock event server. Invocations are posted to that server, which
 * answers with the function's response.
 */
final class FunctionProcess implements AutoCloseable {

  private static final String RUNTIME_CLIENT =
      "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  private static final String HANDLER =
      "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
  // The runtime client's own jar and the jars it needs, found on this JVM's class path.
  private static final List<String> CLIENT_CLASSES =
      List.of(
          RUNTIME_CLIENT,
          "com.amazonaws.services.lambda.runtime.Context",
          "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
          "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

  private final MockEventServer server;
  private final Process process;
  private final long startNanos;
  private final HttpClient http = HttpClient.newHttpClient();
  private boolean invoked;

  private FunctionProcess(MockEventServer server, Process process, long startNanos) {
    this.server = server;
    this.process = process;
    this.startNanos = startNanos;
  }

  /**
   * The JVM flags of a Lambda function of {@code memoryMb}: the managed Java runtime gives the heap
   * 85% of the function's memory, metaspace 10% and the code cache 5%, with the serial collector.
   */
  static List<String> lambdaMemoryFlags(int memoryMb) {
    long kb = memoryMb * 1024L;
    return List.of(
        "-XX:MaxHeapSize=" + kb * 85 / 100 + "k",
        "-XX:MaxMetaspaceSize=" + kb * 10 / 100 + "k",
        "-XX:ReservedCodeCacheSize=" + kb * 5 / 100 + "k",
        "-XX:+UseSerialGC");
  }

  /** Unpacks {@code function.zip} into {@code taskRoot} (emptied first), as Lambda's task root. */
  static Path unpack(Path functionZip, Path taskRoot) {
    IngestBenchmark.deleteTree(taskRoot);
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(functionZip))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        Path target = taskRoot.resolve(entry.getName()).normalize();
        if (!target.startsWith(taskRoot)) {
          throw new IllegalStateException("Entry outside the task root: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(zip, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot unpack " + functionZip, e);
    }
    return taskRoot;
  }

  /**
   * Starts the Runtime API server and the function's process; returns without waiting for its init
   * phase, which runs until the runtime client first asks for an event.
   */
  static FunctionProcess start(
      String name,
      Path taskRoot,
      Map<String, String> configuration,
      List<String> jvmFlags,
      int memoryMb,
      Path logFile) {
    return start(name, taskRoot, configuration, jvmFlags, Map.of(), memoryMb, logFile);
  }

  /** The same, with more environment variables for the process. */
  static FunctionProcess start(
      String name,
      Path taskRoot,
      Map<String, String> configuration,
      List<String> jvmFlags,
      Map<String, String> environment,
      int memoryMb,
      Path logFile) {
    MockEventServer server = new LambdaRuntimeApi(name);
    server.start(0);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    // As on Lambda's Java runtime command line: org.crac's hooks go to the runtime client.
    command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
    configuration.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-cp");
    command.add(String.join(java.io.File.pathSeparator, clientClassPath()));
    command.add(RUNTIME_CLIENT);
    command.add(HANDLER);
    ProcessBuilder builder = new ProcessBuilder(command);
    // The runtime client loads the function from its working directory, as Lambda's /var/task.
    builder.directory(taskRoot.toFile());
    Map<String, String> env = builder.environment();
    env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getPort());
    env.put("LAMBDA_TASK_ROOT", taskRoot.toAbsolutePath().toString());
    env.put("_HANDLER", HANDLER);
    env.put("AWS_LAMBDA_FUNCTION_NAME", name);
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + UUID.randomUUID());
    env.put("AWS_REGION", LocalAwsEnvironment.REGION);
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    env.putAll(environment);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    long start = System.nanoTime();
    try {
      return new FunctionProcess(server, builder.start(), start);
    } catch (IOException e) {
      closeQuietly(server);
      throw new UncheckedIOException("Cannot start the function's process: " + command, e);
    }
  }

  /** Posts one event and waits for the function's answer. */
  Invocation invoke(String eventJson) {
    boolean cold = !invoked;
    invoked = true;
    long start = System.nanoTime();
    try {
      HttpRequest request =
          HttpRequest.newBuilder(
                  new URI("http://127.0.0.1:" + server.getPort() + MockEventServer.POST_EVENT))
              .timeout(Duration.ofMinutes(15))
              // The mock passes it on with the event; the runtime client's native part needs one.
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(eventJson))
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      if (response.statusCode() != 200) {
        return new Invocation(
            "",
            null,
            elapsed,
            cold,
            new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body()));
      }
      return new Invocation("", response.body(), elapsed, cold, null);
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("Cannot reach the Runtime API server", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while invoking the function", e);
    }
  }

  /** Wall time since the process was started. */
  Duration sinceStart() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** The CPU time (user + system) the process has used so far, in seconds; -1 if unknown. */
  double cpuSeconds() {
    Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
    try {
      String text = Files.readString(stat);
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and
      // 13th, in clock ticks of 1/100 s on Linux.
      String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The process's peak resident set (VmHWM), in bytes. */
  long peakRssBytes() {
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    try (Stream<String> lines = Files.lines(status)) {
      return lines
          .filter(line -> line.startsWith("VmHWM:"))
          .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
          .findFirst()
          .orElse(-1L);
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * Stops the function (SIGTERM: a JVM asked to write a class data archive then can) and server.
   */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    closeQuietly(server);
  }

  private static List<String> clientClassPath() {
    List<String> jars = new ArrayList<>();
    for (String className : CLIENT_CLASSES) {
      try {
        Class<?> type = Class.forName(className, false, FunctionProcess.class.getClassLoader());
        String jar =
            Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        if (!jars.contains(jar)) {
          jars.add(jar);
        }
      } catch (ClassNotFoundException | URISyntaxException e) {
        throw new IllegalStateException("Not on the benchmark's class path: " + className, e);
      }
    }
    return jars;
  }

  /**
   * The mock event server, also at Lambda's own paths (the mock serves the Runtime API under {@code
   * /_lambda_}, which the runtime interface client's native HTTP client cannot be given), and with
   * the headers Lambda's Runtime API sends with every event (the mock sends only the request id).
   */
  private static final class LambdaRuntimeApi extends MockEventServer {
    private final String functionArn;

    LambdaRuntimeApi(String name) {
      this.functionArn =
          "arn:aws:lambda:" + LocalAwsEnvironment.REGION + ":000000000000:function:" + name;
    }

    @Override
    protected void defaultHandlerSetup() {
      String api = "/2018-06-01/runtime";
      router.route(api + "/invocation/next").blockingHandler(this::nextEvent);
      router.route(api + "/invocation/:requestId/response").handler(this::handleResponse);
      router.route(api + "/invocation/:requestId/error").handler(this::handleError);
      // With AWS_LAMBDA_INITIALIZATION_TYPE=snap-start the runtime client runs the CRaC hooks
      // before and after this call, as around a snapshot; here the "restore" is immediate.
      router.route(api + "/restore/next").handler(ctx -> ctx.response().setStatusCode(200).end());
      router
          .route(api + "/restore/error")
          .handler(
              ctx -> {
                log.error("restore error: " + ctx.body().asString());
                ctx.response().setStatusCode(202).end();
              });
      router
          .route(api + "/init/error")
          .handler(
              ctx -> {
                log.error("init error: " + ctx.body().asString());
                ctx.response().setStatusCode(202).end();
              });
      super.defaultHandlerSetup();
    }

    @Override
    public void nextEvent(RoutingContext ctx) {
      long deadline = System.currentTimeMillis() + Duration.ofMinutes(15).toMillis();
      ctx.response()
          .putHeader("Lambda-Runtime-Deadline-Ms", Long.toString(deadline))
          .putHeader("Lambda-Runtime-Invoked-Function-Arn", functionArn)
          .putHeader("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
      super.nextEvent(ctx);
    }
  }

  private static void closeQuietly(MockEventServer server) {
    try {
      server.close();
    } catch (IOException e) {
      // The process is gone; a server that does not close cleanly changes nothing measured.
    }
  }
}
