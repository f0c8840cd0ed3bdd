package io.k2.ingest.local.bench;

import io.k2.ingest.local.EmbeddedRestCatalog;
import io.k2.ingest.local.EmbeddedS3;
import io.k2.ingest.local.FunctionPackage;
import io.k2.ingest.local.LocalAwsEnvironment;
import io.k2.ingest.local.LocalClients;
import io.k2.ingest.local.LocalFunctionConfiguration;
import io.k2.ingest.local.LocalLambdaRuntime;
import io.k2.ingest.local.LocalLambdaRuntime.FunctionSettings;
import io.k2.ingest.local.LocalLambdaRuntime.Invocation;
import io.k2.ingest.local.S3Events;
import io.k2.ingest.local.S3Events.CreatedObject;
import io.k2.ingest.local.bench.BenchOptions.Delivery;
import io.k2.ingest.local.bench.BenchOptions.UsageException;
import io.k2.ingest.local.bench.BenchReport.ColdStart;
import io.k2.ingest.local.bench.BenchReport.Run;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.apache.iceberg.rest.RESTCatalog;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Times the packaged ingest function on the peers' workloads (W1, W2), run on demand, never as a
 * test: S3 (on disk, so landed and written bytes stay out of the heap) and the REST catalog run in
 * this JVM; the init and ingest functions run as Lambda would run them ({@link
 * LocalLambdaRuntime}). It reports both functions' cold starts, then delivers the workload 1 + N
 * times per delivery mode into freshly created tables (drop with purge, then the init function),
 * and reports throughput, files and memory. See {@link BenchOptions#USAGE} and {@code
 * docs/benchmarks.md}.
 *
 * <p>The report goes to stdout (and to {@code <scratch>/results/}); everything else, the functions'
 * logs included, to stderr.
 */
public final class IngestBenchmark {

  /** A real 11-row file: the ingest function's cold start without its throughput. */
  private static final String COLD_START_FILE = "trades/3153.csv";

  private final BenchOptions options;
  private final PrintStream out;
  private final PrintStream log;
  private final ResourceProbe probe = new ResourceProbe();

  private IngestBenchmark(BenchOptions options, PrintStream out, PrintStream log) {
    this.options = options;
    this.out = out;
    this.log = log;
  }

  public static void main(String[] args) {
    PrintStream stdout = System.out;
    System.setOut(System.err);
    // exec:java would otherwise wait for the functions' non-daemon threads; Lambda kills them too.
    System.exit(run(args, stdout, System.err));
  }

  /** Runs with the given command line; returns the exit status (2: bad usage, 1: failed). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    BenchOptions options;
    try {
      var parsed = BenchOptions.parse(args);
      if (parsed.isEmpty()) {
        out.print(BenchOptions.USAGE);
        return 0;
      }
      options = parsed.get();
    } catch (UsageException e) {
      err.println(e.getMessage() + "\n\n" + BenchOptions.USAGE);
      return 2;
    }
    try {
      new IngestBenchmark(options, out, err).execute();
      return 0;
    } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
      err.println("k2-bench: " + e.getMessage());
      e.printStackTrace(err);
      return 1;
    }
  }

  private void execute() {
    long prepareStart = System.nanoTime();
    Workload workload = Workload.prepare(options.workload(), options.data(), options.scratch());
    Duration prepared = since(prepareStart);
    FunctionPackage function = FunctionPackage.inBuildOutput(options.function());
    Path state = options.scratch().resolve("run-" + workload.name());
    deleteTree(state);
    LocalAwsEnvironment.useDummyCredentials();
    // The runner's own Iceberg (catalog server, client) logs every load and commit at INFO.
    Stream.of("org.apache.iceberg", "org.apache.hadoop")
        .forEach(name -> org.jboss.logmanager.Logger.getLogger(name).setLevel(Level.WARNING));

    try (EmbeddedS3 s3 = EmbeddedS3.onDisk(state.resolve("s3"))) {
      s3.createBucket(LocalFunctionConfiguration.LANDING_BUCKET);
      s3.createBucket(LocalFunctionConfiguration.WAREHOUSE_BUCKET);
      try (EmbeddedRestCatalog catalog =
              EmbeddedRestCatalog.start(
                  s3.endpoint(),
                  LocalFunctionConfiguration.WAREHOUSE,
                  state.resolve("catalog.db"));
          S3Client s3Client = LocalClients.s3(s3.endpoint());
          RESTCatalog tables = LocalClients.restCatalog(catalog.uri(), s3.endpoint())) {
        Map<String, String> configuration =
            new HashMap<>(LocalFunctionConfiguration.forServers(s3.endpoint(), catalog.uri()));
        options
            .bufferRows()
            .ifPresent(rows -> configuration.put("k2.write.buffer-rows", Integer.toString(rows)));

        Landing landing = new Landing(s3Client);
        landing.referenceData(
            options.data().resolve("reference-data/company_info.csv"), workload.companyInfo());
        CreatedObject coldFile = landing.trades(options.data().resolve(COLD_START_FILE));
        List<ColdStart> coldStarts = new ArrayList<>();
        LocalLambdaRuntime init = start(function, "init", configuration, "{}", coldStarts);
        LocalLambdaRuntime ingest =
            start(function, "ingest", configuration, S3Events.objectCreated(coldFile), coldStarts);

        long landStart = System.nanoTime();
        List<CreatedObject> objects = new ArrayList<>();
        for (Path file : workload.trades()) {
          objects.add(landing.trades(file));
        }
        Duration landed = since(landStart);

        DeliveryRun timed = new DeliveryRun(init, ingest, tables, probe, log);
        List<Run> runs = new ArrayList<>();
        List<Delivery> deliveries = options.deliveries();
        for (int rep = 0; rep <= options.repeat(); rep++) {
          // Rotating the order spreads background load over the deliveries alike.
          for (int i = 0; i < deliveries.size(); i++) {
            runs.add(
                timed.measure(
                    rep, deliveries.get((i + rep) % deliveries.size()), workload, objects));
          }
        }

        List<String> ownProcess =
            options.ownProcess()
                ? ownProcess(function, configuration, state, timed, workload, objects)
                : List.of();

        List<String> context =
            context(workload, prepared, landed, configuration, state, s3.endpoint().toString());
        String report =
            new BenchReport(context, coldStarts, runs).render()
                + (ownProcess.isEmpty() ? "" : "\n" + String.join("\n", ownProcess) + "\n");
        out.print(report);
        saveReport(workload, report);
        afterReport(state, s3.endpoint());
      } catch (IOException e) {
        throw new UncheckedIOException("Closing the catalog client failed", e);
      }
    }
  }

  /**
   * The ingest function in a process of its own, as Lambda runs it: cold starts from process start
   * to the first commit of the workload's first file (one SQS message), each into fresh tables and
   * each with the process's CPU time and the machine's load: plain ({@code --repeat} times, at
   * least once), writing an AppCDS archive at exit (once), using it ({@code --repeat} times), and
   * once with the SnapStart hooks run by the runtime client; medians per kind; then the first
   * delivery mode once, in one process, with its peak RSS. Returns the report's lines.
   */
  private List<String> ownProcess(
      FunctionPackage function,
      Map<String, String> configuration,
      Path state,
      DeliveryRun timed,
      Workload workload,
      List<CreatedObject> objects) {
    Path zip = options.function().resolve("function.zip");
    Path taskRoot = FunctionProcess.unpack(zip, state.resolve("task"));
    Map<String, String> settings = new HashMap<>(configuration);
    settings.put("quarkus.lambda.handler", "ingest");
    List<String> flags = new ArrayList<>(FunctionProcess.lambdaMemoryFlags(options.memoryMb()));
    options.maxHeap().ifPresent(heap -> flags.set(0, "-XX:MaxHeapSize=" + heap));
    // The template's JAVA_TOOL_OPTIONS for the ingest function.
    flags.addAll(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=4"));
    flags.addAll(options.functionFlags());
    Path archive = state.resolve("k2-ingest.jsa");
    Path processLog = state.resolve("function-process.log");
    String firstEvent =
        EventBatches.of(new Delivery("sqs-1", 1, true), objects.subList(0, 1)).get(0);

    List<String> lines = new ArrayList<>();
    lines.add("## The ingest function in a process of its own");
    lines.add("");
    lines.add(
        "- JVM flags: "
            + String.join(" ", flags)
            + " (a "
            + options.memoryMb()
            + " MB Lambda"
            + options.maxHeap().map(h -> ", heap overridden to " + h).orElse("")
            + "); runtime interface client + Quarkus mock event server; log in "
            + processLog);
    lines.add("");
    lines.add(
        "| cold start | run | process start to first commit s | process CPU s | load (1 min)"
            + " | peak RSS MiB | rows |");
    lines.add("|---|---|---|---|---|---|---|");
    record Variant(String name, List<String> extraFlags, Map<String, String> env, int runs) {}
    int runs = Math.max(1, options.repeat());
    List<Variant> variants =
        List.of(
            new Variant("plain", List.of(), Map.of(), runs),
            new Variant(
                "writing AppCDS archive",
                List.of("-XX:ArchiveClassesAtExit=" + archive),
                Map.of(),
                1),
            new Variant(
                "with AppCDS archive", List.of("-XX:SharedArchiveFile=" + archive), Map.of(), runs),
            // The runtime client runs the SnapStart hooks (CRaC) around an immediate "restore":
            // the function must still commit with the catalog client released and reopened.
            new Variant(
                "SnapStart hooks run (no real snapshot)",
                List.of(),
                Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"),
                1));
    List<String> medians = new ArrayList<>();
    for (Variant variant : variants) {
      List<Double> seconds = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      for (int run = 1; run <= variant.runs(); run++) {
        timed.freshTables();
        List<String> variantFlags = new ArrayList<>(flags);
        variantFlags.addAll(variant.extraFlags());
        String load = ResourceProbe.loadAverage();
        log.println("own process: cold start, " + variant.name() + " " + run + ", load " + load);
        try (FunctionProcess process =
            FunctionProcess.start(
                "k2-ingest",
                taskRoot,
                settings,
                variantFlags,
                variant.env(),
                options.memoryMb(),
                processLog)) {
          Invocation first = process.invoke(firstEvent);
          Duration coldStart = process.sinceStart();
          double cpuSeconds = process.cpuSeconds();
          DeliveryRun.requireAnswered("ingest", first);
          log.println("own process: " + first.response());
          seconds.add(coldStart.toMillis() / 1000.0);
          cpu.add(cpuSeconds);
          lines.add(
              String.format(
                  Locale.ROOT,
                  "| %s | %d | %.2f | %.2f | %s | %d | %s |",
                  variant.name(),
                  run,
                  coldStart.toMillis() / 1000.0,
                  cpuSeconds,
                  load.split(" ")[0],
                  process.peakRssBytes() >> 20,
                  rowsOf(first.response())));
        }
      }
      medians.add(
          String.format(
              Locale.ROOT,
              "- %s: median %.2f s from process start to first commit, %.2f s process CPU"
                  + " (%d run%s)",
              variant.name(),
              median(seconds),
              median(cpu),
              seconds.size(),
              seconds.size() == 1 ? "" : "s"));
    }
    lines.add("");
    lines.addAll(medians);

    Delivery delivery = options.deliveries().get(0);
    log.println("own process: " + delivery.name() + ", load " + ResourceProbe.loadAverage());
    try (FunctionProcess process =
        FunctionProcess.start(
            "k2-ingest", taskRoot, settings, flags, options.memoryMb(), processLog)) {
      Run run = timed.measure(0, delivery, workload, objects, process::invoke);
      lines.add("");
      lines.add(
          String.format(
              Locale.ROOT,
              "- %s in one function process (first delivery, cold JIT): %.2f s, %,.0f rows/s,"
                  + " %d invocations, process peak RSS %d MiB, %d data files, %,d Parquet bytes,"
                  + " process start to last commit %.2f s",
              delivery.name(),
              run.seconds(),
              run.rowsPerSecond(),
              run.invocations(),
              process.peakRssBytes() >> 20,
              run.dataFiles(),
              run.parquetBytes(),
              process.sinceStart().toMillis() / 1000.0));
    }
    return lines;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static String rowsOf(String response) {
    java.util.regex.Matcher rows =
        java.util.regex.Pattern.compile("\"rows\":(\\d+)").matcher(response);
    return rows.find() ? rows.group(1) : "?";
  }

  /** Boots a function and invokes it once: its cold start, as a new Lambda environment has it. */
  private LocalLambdaRuntime start(
      FunctionPackage function,
      String handler,
      Map<String, String> configuration,
      String firstEvent,
      List<ColdStart> coldStarts) {
    Map<String, String> settings = new HashMap<>(configuration);
    // quarkus.lambda.handler is run-time configuration: one artifact, two functions.
    settings.put("quarkus.lambda.handler", handler);
    LocalLambdaRuntime runtime =
        LocalLambdaRuntime.start(function, FunctionSettings.of("k2-" + handler, settings), log);
    Invocation first = runtime.invoke(firstEvent);
    DeliveryRun.requireAnswered(handler, first);
    log.println(handler + ": " + first.response());
    String name = handler.equals("init") ? "init" : "ingest (" + COLD_START_FILE + ", 11 rows)";
    coldStarts.add(new ColdStart(name, runtime.initDuration(), first.elapsed()));
    return runtime;
  }

  private List<String> context(
      Workload workload,
      Duration prepared,
      Duration landed,
      Map<String, String> configuration,
      Path state,
      String s3Endpoint) {
    Runtime runtime = Runtime.getRuntime();
    return List.of(
        "# K2 Ingest benchmark, workload "
            + workload.name()
            + " ("
            + LocalDateTime.now().withNano(0)
            + ")",
        "",
        String.format(
            Locale.ROOT,
            "- workload: %d files, %,d rows, %,d CSV bytes (%.1f MB), in %s (ready in %.1f s)",
            workload.trades().size(),
            workload.rows(),
            workload.bytes(),
            workload.bytes() / 1e6,
            workload.dir(),
            prepared.toMillis() / 1000.0),
        String.format(
            Locale.ROOT,
            "- machine: %d cores, Java %s, max heap %d MiB, JVM flags %s",
            runtime.availableProcessors(),
            System.getProperty("java.version"),
            runtime.maxMemory() >> 20,
            // Maven's own -D flags say nothing about the run; heap and GC flags do.
            ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.startsWith("-X"))
                .toList()),
        "- function: k2.write.buffer-rows="
            + configuration.getOrDefault("k2.write.buffer-rows", "(default)")
            + "; S3 (s3proxy) on disk in "
            + state.resolve("s3")
            + " at "
            + s3Endpoint
            + "; the servers share this JVM",
        String.format(
            Locale.ROOT,
            "- landed %d files in %.1f s; %d timed repetitions after the first, per delivery",
            workload.trades().size(),
            landed.toMillis() / 1000.0,
            options.repeat()));
  }

  private void saveReport(Workload workload, String report) {
    Path dir = options.scratch().resolve("results");
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path file = dir.resolve(workload.name() + "-" + stamp + ".md");
    try {
      Files.createDirectories(dir);
      Files.writeString(file, report);
      log.println("report: saved to " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the report to " + file, e);
    }
  }

  /** TableCheck on the final table, and/or the servers kept up for the user to run it. */
  private void afterReport(Path state, URI s3Endpoint) {
    Path tableDir =
        state
            .resolve("s3")
            .resolve(LocalFunctionConfiguration.WAREHOUSE_BUCKET)
            .resolve(DeliveryRun.tableKeyPrefix());
    Path peers = options.peers().orElse(Path.of("../shared/bench/peers")).toAbsolutePath();
    if (options.peers().isPresent()) {
      out.println(
          "\nTableCheck on the final table (full output: "
              + state.resolve("tablecheck.txt")
              + ")\n");
      out.println("```");
      PeerTableCheck.run(peers, tableDir, s3Endpoint, state.resolve("tablecheck.txt"), out);
      out.println("```");
    }
    if (options.keepRunning()) {
      out.println("\nServers are up. Check the table with:\n");
      out.println(PeerTableCheck.shellLine(peers, tableDir, s3Endpoint));
      out.println("\nPress Enter to stop.");
      out.flush();
      try {
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read standard input", e);
      }
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clear " + dir, e);
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
