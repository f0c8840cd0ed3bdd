package io.k2.ingest.local;

import io.k2.ingest.local.LandingFiles.LandedFile;
import io.k2.ingest.local.LocalLambdaRuntime.FunctionSettings;
import io.k2.ingest.local.LocalLambdaRuntime.Invocation;
import io.k2.ingest.local.LocalRunOptions.Delivery;
import io.k2.ingest.local.RunReport.FunctionTiming;
import io.k2.ingest.local.RunReport.InvocationTiming;
import io.k2.ingest.local.S3Events.CreatedObject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.apache.iceberg.rest.RESTCatalog;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One local run: start the servers on the state folder, run the init function, land each file and
 * deliver its S3 event to the ingest function as the deployment's queue would ({@link
 * QueueDelivery}), then read the tables back from the catalog. Reference data is landed first and,
 * like every object, announced by an event, as a bucket-wide S3 notification would; the function
 * answers for it with a status of its own.
 */
final class LocalIngestRun {

  /** Thrown when the run cannot go on because the init function failed. */
  static final class RunFailedException extends RuntimeException {
    RunFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private record Ingested(
      List<String> referenceData,
      List<ObjectOutcome> outcomes,
      List<InvocationTiming> invocations,
      Optional<FunctionTiming> timing) {}

  private final FunctionPackage function;
  private final List<LandedFile> files;
  private final Path stateDir;
  private final PrintStream log;
  private boolean maintenance = true;
  private final Delivery delivery;

  LocalIngestRun(FunctionPackage function, List<LandedFile> files, Path stateDir, PrintStream log) {
    this(function, files, stateDir, log, Delivery.DEPLOYED);
  }

  LocalIngestRun(
      FunctionPackage function,
      List<LandedFile> files,
      Path stateDir,
      PrintStream log,
      Delivery delivery) {
    this.function = function;
    this.files = List.copyOf(files);
    this.stateDir = stateDir;
    this.log = log;
    this.delivery = delivery;
  }

  /** Whether the run ends with a maintenance pass, as the schedule would run it. */
  LocalIngestRun withMaintenance(boolean enabled) {
    this.maintenance = enabled;
    return this;
  }

  RunReport execute() {
    long start = System.nanoTime();
    LocalAwsEnvironment.useDummyCredentials();
    QuietLogging.icebergInRunner();
    try (EmbeddedS3 s3 = EmbeddedS3.onDisk(stateDir.resolve("s3"))) {
      s3.createBucket(LocalFunctionConfiguration.LANDING_BUCKET);
      s3.createBucket(LocalFunctionConfiguration.WAREHOUSE_BUCKET);
      try (EmbeddedRestCatalog catalog =
              EmbeddedRestCatalog.start(
                  s3.endpoint(),
                  LocalFunctionConfiguration.WAREHOUSE,
                  stateDir.resolve("catalog.db"));
          S3Client s3Client = LocalClients.s3(s3.endpoint())) {
        Duration serversStart = since(start);
        log.printf(
            "servers: S3 %s, REST catalog %s, started in %d ms%n",
            s3.endpoint(), catalog.uri(), serversStart.toMillis());
        Map<String, String> configuration =
            LocalFunctionConfiguration.forServers(s3.endpoint(), catalog.uri());

        LocalLambdaRuntime init =
            LocalLambdaRuntime.start(function, settings("init", configuration), log);
        Invocation initCall = init.invoke("{}");
        if (initCall.failed()) {
          throw new RunFailedException("The init function failed", initCall.error());
        }
        log.println("init: " + initCall.response());

        LandingZone landing = new LandingZone(s3Client, LocalFunctionConfiguration.LANDING_BUCKET);
        Ingested ingested = ingestAll(settings("ingest", configuration), landing);
        if (maintenance) {
          maintain(settings("maintain", configuration));
        }
        SortedMap<String, TableSummary> tables = tables(catalog, s3);
        RunReport.Timings timings =
            new RunReport.Timings(
                serversStart,
                new FunctionTiming(init.initDuration(), initCall.elapsed()),
                ingested.timing(),
                ingested.invocations(),
                since(start));
        return new RunReport(
            initCall.response(), ingested.referenceData(), ingested.outcomes(), tables, timings);
      }
    }
  }

  /**
   * Lands each file in turn; every data file's notification goes to the queue, which delivers them
   * to the ingest function in batches, several invocations at once, while landing goes on.
   */
  private Ingested ingestAll(FunctionSettings settings, LandingZone landing) {
    List<String> referenceData = new ArrayList<>();
    QueueDelivery queue = new QueueDelivery(function, settings, delivery, log, this::logProgress);
    for (LandedFile file : files) {
      CreatedObject object = landing.land(file);
      if (file.isReferenceData()) {
        log.println("land: " + file.key() + " (reference data: landed, no event)");
        referenceData.add(file.key());
        continue;
      }
      queue.send(object);
    }
    List<ObjectOutcome> outcomes = new ArrayList<>();
    List<InvocationTiming> invocations = new ArrayList<>();
    Optional<FunctionTiming> timing = Optional.empty();
    for (QueueDelivery.Delivered batch : queue.finish()) {
      Invocation call = batch.call();
      if (timing.isEmpty()) {
        timing = Optional.of(new FunctionTiming(batch.initPhase(), call.elapsed()));
      }
      // One timing per object, so each object's line shows the invocation that carried it.
      for (CreatedObject object : batch.objects()) {
        invocations.add(new InvocationTiming(object.key(), call.elapsed(), call.coldStart()));
      }
      outcomes.addAll(outcomes(batch));
    }
    return new Ingested(referenceData, outcomes, invocations, timing);
  }

  /** One scheduled-style pass (every table, every step); its report goes to the log. */
  private void maintain(FunctionSettings settings) {
    Invocation pass = LocalLambdaRuntime.start(function, settings, log).invoke("{}");
    if (pass.failed()) {
      throw new RunFailedException("The maintenance function failed", pass.error());
    }
    log.println("maintain: " + pass.response());
  }

  private static List<ObjectOutcome> outcomes(QueueDelivery.Delivered batch) {
    Invocation call = batch.call();
    CreatedObject first = batch.objects().get(0);
    if (!call.failed()) {
      return ObjectOutcome.fromResponse(first.bucket(), first.key(), call.response());
    }
    return batch.objects().stream()
        .map(o -> ObjectOutcome.invocationError(o.bucket(), o.key(), call.error()))
        .toList();
  }

  private void logProgress(QueueDelivery.Delivered batch) {
    Invocation call = batch.call();
    outcomes(batch).forEach(outcome -> log.println("ingest: " + progress(outcome, call)));
    if (call.failed()) {
      log.println(JsonLogLine.error(RunLog.RUNNER, "The ingest invocation failed", call.error()));
    }
  }

  private static String progress(ObjectOutcome outcome, Invocation call) {
    String table =
        outcome.table() == null ? "" : " " + outcome.table() + ", rows " + outcome.rows();
    String error = outcome.error() == null ? "" : ": " + outcome.error();
    long millis = call.elapsed().toMillis();
    return "%s -> %s%s (%d ms)%s".formatted(outcome.key(), outcome.status(), table, millis, error);
  }

  /** The tables as any Iceberg client sees them, read through the REST catalog. */
  private static SortedMap<String, TableSummary> tables(EmbeddedRestCatalog server, EmbeddedS3 s3) {
    try (RESTCatalog catalog = LocalClients.restCatalog(server.uri(), s3.endpoint())) {
      return TableSummary.allTables(catalog);
    } catch (IOException e) {
      throw new UncheckedIOException("Closing the catalog client failed", e);
    }
  }

  private static FunctionSettings settings(String handler, Map<String, String> configuration) {
    Map<String, String> withHandler = new HashMap<>(configuration);
    // quarkus.lambda.handler is run-time configuration (LambdaConfig): one artifact, two functions.
    withHandler.put("quarkus.lambda.handler", handler);
    return FunctionSettings.of("k2-" + handler, withHandler);
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
