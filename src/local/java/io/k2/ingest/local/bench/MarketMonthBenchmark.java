package io.k2.ingest.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A month of a whole market, and the close, through the packaged functions (on demand, never a
 * test). {@code market-month}: each trading day's trades and quotes objects (one per symbol)
 * delivered as SQS batches of 10 by concurrent invocations, then the maintenance function as the
 * schedule would run it; per day it prints commit latency and retries, metadata growth, snapshots
 * kept and the day partition's files; at the end it redelivers a day-1 object and checks both
 * tables row by row against the generator's exact sums. {@code close}: many objects of one day
 * landed at once, each a direct S3 invocation, many at a time: commit conflicts per commit.
 *
 * <p>Concurrent invocations are threads calling one function instance: the catalog sees as many
 * concurrent committers as Lambda would run environments, while the JVM boots Quarkus once.
 */
public final class MarketMonthBenchmark {

  static final String USAGE =
      """
      Usage: ./mvnw -q -DskipTests package exec:java -Dexec.classpathScope=test \\
        -Dexec.mainClass=io.k2.ingest.local.bench.MarketMonthBenchmark \\
        -Dexec.args="WORKLOAD [options]"

      Workloads:
        market-month   DAYS days x SYMBOLS symbols x (trades, quotes), SQS batches of 10 by
                       CONCURRENCY invocations, maintenance after each day (default 20, 100, 4)
        close          OBJECTS objects of one day, one direct S3 invocation each, CONCURRENCY at a
                       time (default 400, 16)
        w2             the peers' W2 (110 files, 10,079,410 trades) in SQS batches of 10, then one
                       maintenance pass over trades: files and bytes before and after, time
      Options: --days N --symbols N --rows N (per object, default 2000) --concurrency N
               --objects N --keep-snapshots N (default 100) --scratch DIR (target/bench-month)
               --function DIR (target) --peers DIR (a built copy of the peers: TableCheck)
               --data DIR, --workloads DIR (w2: the ASX sample, where W2 is generated)
      """;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAMESPACE = "market_data";
  private static final LocalDate FIRST_DAY = LocalDate.of(2026, 3, 2);
  private static final List<String> TABLES = List.of("trades", "quotes", "ingest_log");

  private final Map<String, String> options;
  private final PrintStream out;
  private final PrintStream log;
  private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() * 1000);
  private final Map<String, BigDecimal[]> expected = new HashMap<>();

  private MarketMonthBenchmark(Map<String, String> options, PrintStream out, PrintStream log) {
    this.options = options;
    this.out = out;
    this.log = log;
    expected.put("trades", new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
    expected.put("quotes", new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
  }

  public static void main(String[] args) {
    PrintStream stdout = System.out;
    System.setOut(System.err);
    if (args.length == 0 || !List.of("market-month", "close", "w2").contains(args[0])) {
      stdout.print(USAGE);
      System.exit(args.length == 0 ? 0 : 2);
    }
    Map<String, String> options = new HashMap<>();
    options.put("workload", args[0]);
    for (int i = 1; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    new MarketMonthBenchmark(options, stdout, System.err).execute();
    System.exit(0);
  }

  private int option(String name, int fallback) {
    return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
  }

  private void execute() {
    String workload = options.get("workload");
    Path scratch = Path.of(options.getOrDefault("scratch", "target/bench-month"));
    Path state = scratch.resolve("run-" + workload);
    deleteTree(state);
    LocalAwsEnvironment.useDummyCredentials();
    Stream.of("org.apache.iceberg", "org.apache.hadoop")
        .forEach(name -> org.jboss.logmanager.Logger.getLogger(name).setLevel(Level.WARNING));
    FunctionPackage function =
        FunctionPackage.inBuildOutput(Path.of(options.getOrDefault("function", "target")));
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
        // The month runs in minutes: a day's partition is closed as soon as its day is delivered,
        // and retention counts snapshots (about five days' worth), not hours.
        configuration.put("k2.maintenance.min-partition-age", "PT0S");
        configuration.put("k2.maintenance.snapshot-max-age", "PT0S");
        configuration.put(
            "k2.maintenance.min-snapshots", options.getOrDefault("keep-snapshots", "100"));
        LocalLambdaRuntime init = start(function, "init", configuration);
        require("init", init.invoke("{}"));
        LocalLambdaRuntime ingest = start(function, "ingest", configuration);
        Path warehouse = state.resolve("s3").resolve(LocalFunctionConfiguration.WAREHOUSE_BUCKET);
        out.printf(
            Locale.ROOT,
            "# K2 Ingest %s (%s), %d cores, Java %s, max heap %d MiB%n%n",
            workload,
            Instant.now(),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            Runtime.getRuntime().maxMemory() >> 20);
        if (workload.equals("close")) {
          close(ingest, s3Client, tables);
        } else if (workload.equals("w2")) {
          w2(ingest, start(function, "maintain", configuration), s3Client, tables);
        } else {
          LocalLambdaRuntime maintain = start(function, "maintain", configuration);
          month(ingest, maintain, s3Client, tables, warehouse);
          tableCheck(warehouse, s3.endpoint(), state);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void month(
      LocalLambdaRuntime ingest,
      LocalLambdaRuntime maintain,
      S3Client s3,
      RESTCatalog tables,
      Path warehouse) {
    int days = option("days", 20);
    int symbols = option("symbols", 100);
    int rows = option("rows", 2000);
    int concurrency = option("concurrency", 4);
    out.printf(
        Locale.ROOT,
        "- %d days x %d symbols x 2 tables, %d rows per object; SQS batches of 10 by %d"
            + " concurrent invocations; maintenance (all tables, all steps) after each day%n%n",
        days,
        symbols,
        rows,
        concurrency);
    out.println(
        "| day | invocations | commits | commit p50 ms | p95 ms | retries | table"
            + " | metadata.json B | metadata B written | snapshots kept | day files before -> after"
            + " | day bytes after | maintenance ms |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    Map<String, Path> metadataDirs = new LinkedHashMap<>();
    TABLES.forEach(
        t -> metadataDirs.put(t, warehouse.resolve(NAMESPACE).resolve(t).resolve("metadata")));
    CreatedObject dayOneTrades = null;
    try (MetadataWatch watch = new MetadataWatch(metadataDirs)) {
      Map<String, Long> written = watch.bytesSeen();
      for (int d = 0; d < days; d++) {
        LocalDate day = FIRST_DAY.plusDays(d + 2L * (d / 5)); // weekdays
        List<CreatedObject> objects = new ArrayList<>();
        for (int s = 0; s < symbols; s++) {
          objects.add(
              land(
                  s3,
                  "trades/" + day + "/" + MarketFiles.symbol(s) + ".csv",
                  MarketFiles.trades(day, s, rows),
                  "trades"));
          objects.add(
              land(
                  s3,
                  "quotes/" + day + "/" + MarketFiles.symbol(s) + ".csv",
                  MarketFiles.quotes(day, s, rows),
                  "quotes"));
        }
        if (d == 0) {
          dayOneTrades = objects.get(0);
        }
        List<String> events = EventBatches.of(new Delivery("sqs-10", 10, true), objects);
        InvocationStats stats = deliver(ingest, events, concurrency);
        Map<String, long[]> before = dayPartition(tables, day);
        long maintenanceStart = System.nanoTime();
        Invocation pass = maintain.invoke("{}");
        require("maintain", pass);
        long maintenanceMillis = (System.nanoTime() - maintenanceStart) / 1_000_000;
        requireNoProblems(pass.response());
        Map<String, long[]> after = dayPartition(tables, day);
        Map<String, Long> nowWritten = watch.bytesSeen();
        for (String table : TABLES) {
          Table t = tables.loadTable(TableIdentifier.of(NAMESPACE, table));
          boolean first = table.equals("trades");
          out.printf(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %s | %,d | %,d | %d | %d -> %d | %,d | %s |%n",
              first ? Integer.toString(d + 1) : "",
              first ? Integer.toString(stats.invocations()) : "",
              first ? Integer.toString(stats.commits()) : "",
              first ? Long.toString(stats.percentileMillis(0.5)) : "",
              first ? Long.toString(stats.percentileMillis(0.95)) : "",
              first ? Integer.toString(stats.retries()) : "",
              table,
              newestMetadataBytes(t),
              nowWritten.get(table) - written.get(table),
              count(t.snapshots()),
              before.get(table)[0],
              after.get(table)[0],
              after.get(table)[1],
              first ? Long.toString(maintenanceMillis) : "");
          if (!stats.statuses().keySet().equals(java.util.Set.of("committed"))) {
            throw new IllegalStateException("Day " + (d + 1) + ": " + stats.statuses());
          }
        }
        written = nowWritten;
        out.flush();
      }
    }
    out.println();
    Invocation redelivery =
        ingest.invoke(
            EventBatches.of(new Delivery("sqs-10", 10, true), List.of(dayOneTrades)).get(0));
    require("ingest", redelivery);
    out.println(
        "- redelivery of day 1's "
            + dayOneTrades.key()
            + " on day "
            + days
            + ": "
            + statusOf(redelivery.response()));
    if (statusOf(redelivery.response()).startsWith("committed")) {
      // Not counted as landed: the check below then shows exactly what the second commit added.
      out.println("  (its snapshot had expired: the object was committed a second time)");
    }
    check(tables, "trades", "price", "volume");
    check(tables, "quotes", "bid_price+ask_price", "bid_volume+ask_volume");
  }

  /** The peers' TableCheck on both tables, when {@code --peers DIR} names a built copy. */
  private void tableCheck(Path warehouse, URI s3Endpoint, Path state) {
    if (!options.containsKey("peers")) {
      return;
    }
    Path peers = Path.of(options.get("peers")).toAbsolutePath();
    for (String table : List.of("trades", "quotes")) {
      out.println("\nTableCheck on " + table + ":\n\n```");
      try {
        PeerTableCheck.run(
            peers,
            warehouse.resolve(NAMESPACE).resolve(table).toAbsolutePath(),
            s3Endpoint,
            state.resolve("tablecheck-" + table + ".txt"),
            out);
      } catch (IllegalStateException e) {
        out.println(e.getMessage());
      }
      out.println("```");
    }
  }

  private void close(LocalLambdaRuntime ingest, S3Client s3, RESTCatalog tables) {
    int objects = option("objects", 400);
    int rows = option("rows", 2000);
    int concurrency = option("concurrency", 16);
    LocalDate day = FIRST_DAY;
    List<String> events = new ArrayList<>();
    for (int n = 0; n < objects; n++) {
      int symbol = n / 2;
      CreatedObject object =
          n % 2 == 0
              ? land(
                  s3,
                  "trades/" + day + "/" + MarketFiles.symbol(symbol) + ".csv",
                  MarketFiles.trades(day, symbol, rows),
                  "trades")
              : land(
                  s3,
                  "quotes/" + day + "/" + MarketFiles.symbol(symbol) + ".csv",
                  MarketFiles.quotes(day, symbol, rows),
                  "quotes");
      events.add(S3Events.objectCreated(object));
    }
    out.printf(
        Locale.ROOT,
        "- %d objects of one day (half trades, half quotes), %d rows each, landed at once; one"
            + " direct S3 invocation per object, %d at a time%n%n",
        objects,
        rows,
        concurrency);
    long start = System.nanoTime();
    InvocationStats stats = deliver(ingest, events, concurrency);
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(
        Locale.ROOT,
        "| invocations | commits | wall s | commits/s (both tables) | commit p50 ms | p95 ms"
            + " | retries | retries per commit | p95 | max | statuses |%n"
            + "|---|---|---|---|---|---|---|---|---|---|---|%n"
            + "| %d | %d | %.1f | %.1f | %d | %d | %d | %.2f | %d | %d | %s |%n%n",
        stats.invocations(),
        stats.commits(),
        seconds,
        stats.commits() / seconds,
        stats.percentileMillis(0.5),
        stats.percentileMillis(0.95),
        stats.retries(),
        stats.retries() / (double) Math.max(1, stats.commits()),
        stats.retryPercentile(0.95),
        stats.maxRetries(),
        stats.statuses());
    check(tables, "trades", "price", "volume");
    check(tables, "quotes", "bid_price+ask_price", "bid_volume+ask_volume");
  }

  private void w2(
      LocalLambdaRuntime ingest, LocalLambdaRuntime maintain, S3Client s3, RESTCatalog tables) {
    Path data = Path.of(options.getOrDefault("data", "../shared/data/asx-sample"));
    Workload w2 =
        Workload.prepare("w2", data, Path.of(options.getOrDefault("workloads", "/tmp/k2-bench")));
    Landing landing = new Landing(s3);
    landing.referenceData(data.resolve("reference-data/company_info.csv"), w2.companyInfo());
    List<CreatedObject> objects = w2.trades().stream().map(landing::trades).toList();
    InvocationStats stats =
        deliver(ingest, EventBatches.of(new Delivery("sqs-10", 10, true), objects), 1);
    long start = System.nanoTime();
    Invocation pass =
        maintain.invoke("{\"tables\": [\"trades\"], \"min_partition_age\": \"PT0S\"}");
    require("maintain", pass);
    long millis = (System.nanoTime() - start) / 1_000_000;
    try {
      JsonNode report = JSON.readTree(pass.response()).path("tables").get(0);
      out.printf(
          Locale.ROOT,
          "- W2: %d objects, %,d rows, %d invocations (%s); maintenance of trades in %,d ms"
              + " (function's own figure %,d ms)%n"
              + "- trades data files %,d -> %,d, bytes %,d -> %,d; %d partitions compacted;"
              + " problems %s%n",
          objects.size(),
          w2.rows(),
          stats.invocations(),
          stats.statuses(),
          millis,
          report.path("duration_ms").asLong(),
          report.path("files_before").asLong(),
          report.path("files_after").asLong(),
          report.path("bytes_before").asLong(),
          report.path("bytes_after").asLong(),
          report.path("partitions").size(),
          report.path("problems"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Table table = tables.loadTable(TableIdentifier.of(NAMESPACE, "trades"));
    long rows = 0;
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).select("symbol").build()) {
      for (Record ignored : read) {
        rows++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.printf(
        Locale.ROOT,
        "- trades after maintenance: %,d rows (W2 has %,d); files out of" + " order: %d%n",
        rows,
        w2.rows(),
        FileOrder.unsortedFiles(table));
  }

  private CreatedObject land(S3Client s3, String key, MarketFiles.File file, String table) {
    byte[] bytes = file.text().getBytes(StandardCharsets.UTF_8);
    String eTag =
        s3.putObject(
                b -> b.bucket(LocalFunctionConfiguration.LANDING_BUCKET).key(key),
                RequestBody.fromBytes(bytes))
            .eTag();
    BigDecimal[] sums = expected.get(table);
    sums[0] = sums[0].add(BigDecimal.valueOf(file.rows()));
    sums[1] = sums[1].add(file.priceSum());
    sums[2] = sums[2].add(BigDecimal.valueOf(file.volumeSum()));
    return new CreatedObject(
        LocalFunctionConfiguration.LANDING_BUCKET,
        key,
        bytes.length,
        eTag.replace("\"", ""),
        S3Events.sequencer(sequencer.incrementAndGet()),
        Instant.now());
  }

  private InvocationStats deliver(LocalLambdaRuntime ingest, List<String> events, int threads) {
    InvocationStats stats = new InvocationStats();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (String event : events) {
        calls.add(
            pool.submit(
                () -> {
                  Invocation call = ingest.invoke(event);
                  require("ingest", call);
                  stats.add(call.response());
                }));
      }
      for (Future<?> call : calls) {
        call.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("A delivery failed: " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
    return stats;
  }

  /** Files and bytes of {@code day}'s partition in each table (ingest_log: the newest day). */
  private static Map<String, long[]> dayPartition(RESTCatalog tables, LocalDate day) {
    Map<String, long[]> result = new HashMap<>();
    for (String name : TABLES) {
      Table table = tables.loadTable(TableIdentifier.of(NAMESPACE, name));
      Map<String, long[]> byPartition = new HashMap<>();
      try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
        for (FileScanTask task : tasks) {
          String path = table.spec().partitionToPath(task.file().partition());
          long[] totals = byPartition.computeIfAbsent(path, p -> new long[2]);
          totals[0]++;
          totals[1] += task.file().fileSizeInBytes();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String wanted =
          name.equals("ingest_log")
              ? byPartition.keySet().stream().max(Comparator.naturalOrder()).orElse("")
              : "exchange_date=" + day;
      result.put(name, byPartition.getOrDefault(wanted, new long[2]));
    }
    return result;
  }

  /** Every row read back: count, exact sums and each data file's order, against the generator. */
  private void check(RESTCatalog tables, String name, String priceColumns, String volumeColumns) {
    Table table = tables.loadTable(TableIdentifier.of(NAMESPACE, name));
    long rows = 0;
    BigDecimal prices = BigDecimal.ZERO;
    BigDecimal volumes = BigDecimal.ZERO;
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
      for (Record row : read) {
        rows++;
        for (String column : priceColumns.split("\\+")) {
          prices = prices.add((BigDecimal) row.getField(column));
        }
        for (String column : volumeColumns.split("\\+")) {
          volumes = volumes.add(BigDecimal.valueOf((Long) row.getField(column)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    BigDecimal[] want = expected.get(name);
    boolean exact =
        want[0].longValue() == rows
            && want[1].compareTo(prices) == 0
            && want[2].compareTo(volumes) == 0;
    out.printf(
        Locale.ROOT,
        "- %s read back: %,d rows (landed %,d), sum(%s) %s (landed %s), sum(%s) %s (landed %s):"
            + " %s%n",
        name,
        rows,
        want[0].longValue(),
        priceColumns,
        prices.toPlainString(),
        want[1].toPlainString(),
        volumeColumns,
        volumes.toPlainString(),
        want[2].toPlainString(),
        exact ? "exact" : "MISMATCH");
    out.printf(
        Locale.ROOT,
        "- %s data files out of order: %d of %d%n",
        name,
        FileOrder.unsortedFiles(table),
        count(table.newScan().planFiles()));
  }

  private static String statusOf(String response) {
    try {
      JsonNode object = JSON.readTree(response).path("objects").get(0);
      return object.path("status").asText()
          + " (snapshot "
          + object.path("snapshot_id").asText()
          + (object.hasNonNull("error") ? ", " + object.path("error").asText() : "")
          + ")";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void requireNoProblems(String response) {
    try {
      for (JsonNode table : JSON.readTree(response).path("tables")) {
        if (!table.path("problems").isEmpty()) {
          log.println(
              "maintain: problems in " + table.path("table") + ": " + table.path("problems"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long newestMetadataBytes(Table table) {
    String location = ((HasTableOperations) table).operations().current().metadataFileLocation();
    return table.io().newInputFile(location).getLength();
  }

  private static int count(Iterable<?> items) {
    int n = 0;
    for (Object ignored : items) {
      n++;
    }
    return n;
  }

  private LocalLambdaRuntime start(
      FunctionPackage function, String handler, Map<String, String> configuration) {
    Map<String, String> settings = new HashMap<>(configuration);
    settings.put("quarkus.lambda.handler", handler);
    return LocalLambdaRuntime.start(function, FunctionSettings.of("k2-" + handler, settings), log);
  }

  private static void require(String function, Invocation call) {
    if (call.failed()) {
      throw new IllegalStateException(
          "The " + function + " function failed: " + call.error(), call.error());
    }
  }

  private static void deleteTree(Path dir) {
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
}
