package io.k2.ingest.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.local.LocalLambdaRuntime.FunctionSettings;
import io.k2.ingest.local.LocalLambdaRuntime.Invocation;
import io.k2.ingest.support.Landing;
import io.k2.ingest.support.Landing.Landed;
import io.k2.ingest.support.TestWarehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployable artifact itself: {@code target/function.zip}, unpacked the way Lambda unpacks it
 * into {@code /var/task}, loaded apart from the test class path and called through the handler the
 * SAM template names ({@code QuarkusStreamHandler}), first as the init function and then as the
 * ingest function, on the in-process S3 server and REST catalog; rows are read back through
 * Iceberg. The Quarkus tests exercise the same code from the test class path; this one proves the
 * package (its jar set, its configuration, its class loading) does what they do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackagedFunctionIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRADES = "market_data.trades";
  private static final String QUOTES = "market_data.quotes";

  private SystemPropertiesSnapshot systemProperties;
  private EmbeddedS3 s3;
  private EmbeddedRestCatalog catalogServer;
  private TestWarehouse warehouse;
  private Landing landing;
  private LocalLambdaRuntime ingest;
  private LocalLambdaRuntime init;
  private final PrintStream log = new PrintStream(System.err, true, StandardCharsets.UTF_8);

  @BeforeAll
  void deployTheZipOnFreshServers(@TempDir Path dir) throws IOException {
    LocalAwsEnvironment.useDummyCredentials();
    systemProperties = SystemPropertiesSnapshot.take();
    FunctionPackage function = unpack(functionZip(), dir.resolve("task"));
    s3 = EmbeddedS3.inMemory();
    s3.createBucket(LocalFunctionConfiguration.LANDING_BUCKET);
    s3.createBucket(LocalFunctionConfiguration.WAREHOUSE_BUCKET);
    catalogServer =
        EmbeddedRestCatalog.start(
            s3.endpoint(), LocalFunctionConfiguration.WAREHOUSE, dir.resolve("catalog.db"));
    warehouse = TestWarehouse.connect(s3.endpoint(), catalogServer.uri());
    landing = warehouse.landing();
    Map<String, String> configuration =
        LocalFunctionConfiguration.forServers(s3.endpoint(), catalogServer.uri());

    this.init = start(function, "init", configuration);
    Invocation init = this.init.invoke("{}");

    assertThat(init.error()).isNull();
    List<String> created = new ArrayList<>();
    JSON.readTree(init.response())
        .path("tables")
        .forEach(t -> created.add(t.path("table").asText() + " " + t.path("status").asText()));
    assertThat(created)
        .as(init.response())
        .contains("market_data.trades created", "market_data.quotes created");
    assertThat(warehouse.catalog().tableExists(TableIdentifier.parse(TRADES))).isTrue();
    assertThat(warehouse.catalog().tableExists(TableIdentifier.parse(QUOTES))).isTrue();
    ingest = start(function, "ingest", configuration);
  }

  @AfterAll
  void stopServers() {
    try (EmbeddedS3 s3Server = s3;
        EmbeddedRestCatalog catalog = catalogServer;
        TestWarehouse client = warehouse) {
      systemProperties.restore();
    }
  }

  @Test
  void anS3EventCommitsTheFileExactly() throws IOException {
    Landed file =
        landing.put(
            "trades/packaged/desk.csv",
            "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,venue,buyer_id\n"
                + "PKG,9101,ASX,2014-05-06T10:00:00.25,12.345678,300,0,,\n"
                + "PKG,9101,ASX,2014-05-07 09:59:59,999999999999.999999,1,2,X,B-7\n");

    JsonNode response = call(Landing.s3Event(file));

    JsonNode outcome = response.path("objects").path(0);
    assertThat(outcome.path("status").asText()).as(response.toString()).isEqualTo("committed");
    assertThat(outcome.path("table").asText()).isEqualTo(TRADES);
    assertThat(outcome.path("rows").asLong()).isEqualTo(2);
    List<Record> rows = rowsFrom(TRADES, "s3://landing/trades/packaged/desk.csv");
    assertThat(rows)
        .extracting(
            r ->
                r.getField("exchange_timestamp")
                    + " "
                    + r.getField("price")
                    + " "
                    + r.getField("volume"))
        .containsExactly(
            "2014-05-06T10:00:00.250 12.345678 300", "2014-05-07T09:59:59 999999999999.999999 1");
    assertThat((BigDecimal) rows.get(1).getField("price"))
        .isEqualTo(new BigDecimal("999999999999.999999"));
    assertThat(warehouse.tables().currentSnapshotId(TRADES))
        .isEqualTo(outcome.path("snapshot_id").asLong());
  }

  @Test
  void anSqsBatchCommitsGoodFilesRejectsABadOneAndFailsNoMessage() throws IOException {
    Landed quotes =
        landing.put(
            "quotes/packaged/q.csv",
            "symbol,company_id,exchange,exchange_timestamp,bid_price,bid_volume,ask_price,ask_volume\n"
                + "PKQ,9102,ASX,2014-05-06T10:00:00,1.105,10,1.11,20\n");
    Landed trades =
        landing.put(
            "trades/packaged/sqs.csv",
            "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,venue,buyer_id\n"
                + "PKS,9103,ASX,2014-05-08T11:00:00,7.5,40,0,,\n");
    Landed bad =
        landing.put(
            "trades/packaged/bad.csv",
            "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,venue,buyer_id\n"
                + "PKB,9104,ASX,2014-05-08T11:00:00,7.1234567,40,0,,\n");

    JsonNode response = call(Landing.sqsEvent(quotes, trades, bad));

    List<String> statuses = new ArrayList<>();
    response
        .path("objects")
        .forEach(o -> statuses.add(o.path("key").asText() + " " + o.path("status").asText()));
    assertThat(statuses)
        .as(response.toString())
        .containsExactly(
            "quotes/packaged/q.csv committed",
            "trades/packaged/sqs.csv committed",
            "trades/packaged/bad.csv rejected");
    // A rejected file is permanent: retrying its message would not help, so none is failed.
    assertThat(response.path("batchItemFailures").size()).isZero();
    assertThat(rowsFrom(QUOTES, "s3://landing/quotes/packaged/q.csv"))
        .extracting(
            r ->
                r.getField("symbol")
                    + " "
                    + r.getField("bid_price")
                    + " "
                    + r.getField("ask_price"))
        .containsExactly("PKQ 1.105000 1.110000");
    assertThat(rowsFrom(TRADES, "s3://landing/trades/packaged/sqs.csv"))
        .extracting(r -> r.getField("symbol") + " " + r.getField("price"))
        .containsExactly("PKS 7.500000");
    assertThat(rowsFrom(TRADES, "s3://landing/trades/packaged/bad.csv")).isEmpty();
    assertThat(landing.text("_rejected/trades/packaged/bad.csv.errors.jsonl"))
        .contains("{\"line\":2,\"column\":\"price\",\"value\":\"7.1234567\"");
  }

  @Test
  void aGzippedFileThroughEventBridgeCommitsAndInitDescribesTheTable() throws IOException {
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
      out.write(
          ("symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,venue,buyer_id\n"
                  + "PKG,9105,ASX,2014-05-09T10:00:00,3.25,7,0,,\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    Landed file = landing.put("trades/packaged/eb.csv.gz", gzipped.toByteArray());

    JsonNode response = call(Landing.eventBridgeEvent(file));

    assertThat(response.path("objects").path(0).path("status").asText())
        .as(response.toString())
        .isEqualTo("committed");
    assertThat(rowsFrom(TRADES, "s3://landing/trades/packaged/eb.csv.gz"))
        .extracting(r -> r.getField("symbol") + " " + r.getField("price"))
        .containsExactly("PKG 3.250000");
    Invocation described = init.invoke("{\"action\":\"describe\"}");
    assertThat(described.error()).isNull();
    List<String> tables = new ArrayList<>();
    JSON.readTree(described.response())
        .path("tables")
        .forEach(t -> tables.add(t.path("table").asText() + " " + t.path("exists").asBoolean()));
    assertThat(tables).as(described.response()).contains(TRADES + " true", QUOTES + " true");
  }

  @Test
  void s3BatchOperationsTasksSucceedOrFailPermanently() throws IOException {
    String header =
        "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,venue,buyer_id\n";
    landing.put(
        "trades/backfill/2014-03-11.csv",
        header + "PKT,9106,ASX,2014-03-11T10:00:00,36.71,100,0,,\n");
    landing.put(
        "trades/backfill/bad.csv", header + "PKT,9106,ASX,2014-03-11T10:00:00,not-a-price,1,0,,\n");

    JsonNode answer = call(Files.readString(Path.of("infra/events/s3-batch-operations-2.0.json")));

    List<String> results = new ArrayList<>();
    answer.path("results").forEach(r -> results.add(r.path("resultCode").asText()));
    assertThat(results).as(answer.toString()).containsExactly("Succeeded", "PermanentFailure");
    assertThat(rowsFrom(TRADES, "s3://landing/trades/backfill/2014-03-11.csv"))
        .extracting(r -> r.getField("symbol") + " " + r.getField("price"))
        .containsExactly("PKT 36.710000");
  }

  private JsonNode call(String event) throws IOException {
    Invocation call = ingest.invoke(event);
    assertThat(call.error()).as("the function threw").isNull();
    return JSON.readTree(call.response());
  }

  /** This file's rows, sorted by time, read through an independent Iceberg client. */
  private List<Record> rowsFrom(String table, String sourceFile) {
    return warehouse.tables().rows(table).stream()
        .filter(r -> sourceFile.equals(r.getField("source_file")))
        .sorted(Comparator.comparing(r -> r.getField("exchange_timestamp").toString()))
        .toList();
  }

  private LocalLambdaRuntime start(
      FunctionPackage function, String handler, Map<String, String> configuration) {
    Map<String, String> settings = new HashMap<>(configuration);
    settings.put("quarkus.lambda.handler", handler);
    return LocalLambdaRuntime.start(function, FunctionSettings.of(handler, settings), log);
  }

  private static Path functionZip() {
    Path zip = Path.of(System.getProperty("function.zip", "target/function.zip"));
    assertThat(zip).as("run ./mvnw package (or verify) first").isRegularFile();
    return zip;
  }

  /**
   * Unpacks the zip as Lambda does into {@code /var/task}: its root first on the class path, then
   * every jar under {@code lib/}.
   */
  static FunctionPackage unpack(Path zip, Path task) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      ZipEntry entry = in.getNextEntry();
      while (entry != null) {
        Path target = task.resolve(entry.getName()).normalize();
        if (!target.startsWith(task)) {
          throw new IOException("Entry outside the task folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
        entry = in.getNextEntry();
      }
    }
    List<Path> libraries;
    try (Stream<Path> jars = Files.walk(task.resolve("lib"))) {
      libraries = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    assertThat(libraries).as("lib/ in " + zip).isNotEmpty();
    return new FunctionPackage(task, libraries);
  }
}
