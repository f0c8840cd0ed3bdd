package io.k2.ingest.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.local.LocalLambdaRuntime;
import io.k2.ingest.local.LocalLambdaRuntime.Invocation;
import io.k2.ingest.local.S3Events.CreatedObject;
import io.k2.ingest.local.bench.BenchOptions.Delivery;
import io.k2.ingest.local.bench.BenchReport.Run;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;

/**
 * One timed delivery of a whole workload into fresh tables: drop every table with its files, let
 * the init function recreate them (untimed), then time the ingest invocations alone and check that
 * every object was committed and the table holds exactly the workload's rows.
 */
final class DeliveryRun {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Namespace NAMESPACE = Namespace.of("market_data");
  private static final TableIdentifier TRADES = TableIdentifier.of(NAMESPACE, "trades");

  private final LocalLambdaRuntime init;
  private final LocalLambdaRuntime ingest;
  private final RESTCatalog tables;
  private final ResourceProbe probe;
  private final PrintStream log;

  DeliveryRun(
      LocalLambdaRuntime init,
      LocalLambdaRuntime ingest,
      RESTCatalog tables,
      ResourceProbe probe,
      PrintStream log) {
    this.init = init;
    this.ingest = ingest;
    this.tables = tables;
    this.probe = probe;
    this.log = log;
  }

  Run measure(int rep, Delivery delivery, Workload workload, List<CreatedObject> objects) {
    return measure(rep, delivery, workload, objects, ingest::invoke);
  }

  /** The same, with each event handed to {@code ingestCall} (the function in another process). */
  Run measure(
      int rep,
      Delivery delivery,
      Workload workload,
      List<CreatedObject> objects,
      Function<String, Invocation> ingestCall) {
    freshTables();
    List<String> events = EventBatches.of(delivery, objects);
    log.printf(
        "run: %s rep %d, %d invocations, load %s%n",
        delivery.name(), rep, events.size(), ResourceProbe.loadAverage());
    probe.start();
    long start = System.nanoTime();
    List<Invocation> calls = new ArrayList<>();
    for (String event : events) {
      calls.add(ingestCall.apply(event));
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    ResourceProbe.Sample resources = probe.stop();

    double stageSeconds = 0;
    double commitSeconds = 0;
    long rows = 0;
    for (Invocation call : calls) {
      requireAnswered("ingest", call);
      long commitMillis = 0;
      for (JsonNode object : readTree(call.response()).path("objects")) {
        if (!"committed".equals(object.path("status").asText())) {
          throw new IllegalStateException("Not committed: " + object);
        }
        rows += object.path("rows").asLong();
        stageSeconds += object.path("write_ms").asLong() / 1000.0;
        // Every object of a batch shares one commit, and each reports its duration.
        commitMillis = Math.max(commitMillis, object.path("commit_ms").asLong());
      }
      commitSeconds += commitMillis / 1000.0;
    }
    Table table = tables.loadTable(TRADES);
    Map<String, String> summary = table.currentSnapshot().summary();
    long tableRows = Long.parseLong(summary.get("total-records"));
    if (rows != workload.rows() || tableRows != workload.rows()) {
      throw new IllegalStateException(
          "Expected %d rows; the function reported %d and the table holds %d"
              .formatted(workload.rows(), rows, tableRows));
    }
    Run run =
        new Run(
            delivery,
            rep,
            calls.size(),
            rows,
            workload.bytes(),
            wall,
            stageSeconds,
            commitSeconds,
            Long.parseLong(summary.get("total-data-files")),
            Long.parseLong(summary.get("total-files-size")),
            filesPerPartition(table),
            resources);
    log.printf(
        Locale.ROOT,
        "run: %s rep %d: %.2f s, %,.0f rows/s, heap peak %d MiB%n",
        delivery.name(),
        rep,
        run.seconds(),
        run.rowsPerSecond(),
        resources.heapPeakBytes() >> 20);
    return run;
  }

  /** The table's folder in the S3 store, where TableCheck finds its newest metadata file. */
  static String tableKeyPrefix() {
    return NAMESPACE + "/" + TRADES.name();
  }

  static void requireAnswered(String function, Invocation call) {
    if (call.failed()) {
      throw new IllegalStateException(
          "The " + function + " function failed: " + call.error(), call.error());
    }
  }

  /** Drops every table of the namespace with its files; the init function recreates them. */
  void freshTables() {
    for (TableIdentifier id : tables.listTables(NAMESPACE)) {
      tables.dropTable(id, true);
    }
    requireAnswered("init", init.invoke("{}"));
  }

  private static SortedMap<String, Integer> filesPerPartition(Table table) {
    SortedMap<String, Integer> files = new TreeMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        String path = table.spec().partitionToPath(task.file().partition());
        files.merge(path.substring(path.indexOf('=') + 1), 1, Integer::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot plan a scan of " + table.name(), e);
    }
    return files;
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(
          "The ingest function answered something unreadable: " + json, e);
    }
  }
}
