package io.k2.ingest.local;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The local runner's command line.
 *
 * @param stateDir where S3 objects ({@code s3/}) and the catalog ({@code catalog.db}) persist
 * @param landDir the user's files to land, or empty to generate and land sample data
 * @param keyPrefix prepended to every landed key
 * @param json whether stdout gets one JSON document instead of readable tables
 * @param buildDir where the packaged function is ({@code *-runner.jar} and {@code lib/})
 * @param help whether only the usage was asked for
 * @param verbose whether the functions' logs are also shown live (they always go to a file)
 * @param event an event file to send to one function instead of landing files
 * @param handler the function {@code event} goes to: {@code ingest} or {@code init}
 * @param serve whether the S3 server and REST catalog stay up after the run
 * @param maintenance whether the run ends with a maintenance pass, as the schedule would run it
 * @param delivery how landed objects reach the ingest function
 */
public record LocalRunOptions(
    Path stateDir,
    Optional<Path> landDir,
    String keyPrefix,
    boolean json,
    Path buildDir,
    boolean help,
    boolean verbose,
    Optional<Path> event,
    String handler,
    boolean serve,
    boolean maintenance,
    Delivery delivery) {

  /**
   * The deployment's queue: up to {@code batchSize} S3 notifications per SQS batch, one batch per
   * invocation, at most {@code concurrency} invocations at once (infra/template.yaml: the event
   * source's {@code BatchSize}, and {@code ReservedConcurrency}, its maximum concurrency).
   */
  public record Delivery(int batchSize, int concurrency) {
    public static final Delivery DEPLOYED = new Delivery(10, 5);

    public Delivery {
      if (batchSize < 1 || batchSize > 10_000 || concurrency < 1) {
        throw new UsageException(
            "--batch-size takes 1..10000 and --concurrency at least 1, not "
                + batchSize
                + " and "
                + concurrency);
      }
    }
  }

  /** The options with the deployment's delivery. */
  public LocalRunOptions(
      Path stateDir,
      Optional<Path> landDir,
      String keyPrefix,
      boolean json,
      Path buildDir,
      boolean help,
      boolean verbose,
      Optional<Path> event,
      String handler,
      boolean serve) {
    this(
        stateDir,
        landDir,
        keyPrefix,
        json,
        buildDir,
        help,
        verbose,
        event,
        handler,
        serve,
        true,
        Delivery.DEPLOYED);
  }

  static final String USAGE =
      """
      Usage: ./mvnw -q -DskipTests package exec:java@local -Dexec.args="[options]"

      Runs the packaged K2 Ingest Lambda functions (init, then ingest on SQS batches of the
      landed objects' S3 notifications, several invocations at once, as deployed)
      against an S3 server and an Iceberg REST catalog started in this JVM: no Docker, no AWS
      account. Prints what each object became and what the tables hold afterwards.

      Options:
        --state DIR    keep S3 data (DIR/s3) and the catalog (DIR/catalog.db) here between runs
                       (default: .k2-local)
        --land DIR     land your own files, keyed by their path under DIR
                       (DIR/asx/trades/7078.csv becomes asx/trades/7078.csv). Only data files
                       are landed: *.csv, *.csv.gz, *.txt, *.txt.gz; dotfiles, dot-folders and
                       anything else (README.md, say) are skipped. Reference data
                       (*/reference-data/*) is landed first and gets no event, as in the
                       deployment, where only the data prefixes notify.
                       Without --land, sample ASX data is generated into DIR/sample and landed.
        --prefix P     prepend P to every landed key, e.g. --land vendor-folder --prefix asx/
                       (a / is added after P if it has none)
        --event FILE   send this event file (S3, SQS, EventBridge, S3 Batch Operations,
                       CloudFormation, or {"action":"describe"} ...) to one function and print
                       its response, as `sam local invoke -e FILE` does; lands nothing
        --function F   the function --event goes to: ingest (default) or init
        --build DIR    the build output holding *-runner.jar and lib/ (default: target;
                       --function DIR is still read as this)
        --batch-size N S3 notifications per SQS batch, one batch per invocation (default: 10,
                       the deployment's BatchSize)
        --concurrency N
                       ingest invocations at once, each in an execution environment of its own
                       (default: 5, the deployment's ReservedConcurrency)
        --serve        keep the S3 server and the REST catalog up after the run, and print how
                       to point Spark, PyIceberg, DuckDB or Trino at them (Ctrl-C stops)
        --verbose      show the functions' logs live as well (they always go to a file under
                       the state folder, whose path is printed)
        --json         print one JSON document on stdout (everything else goes to stderr)
        --no-maintenance  skip the maintenance pass the run otherwise ends with (compaction of
                       partitions older than k2.maintenance.min-partition-age, snapshot expiry,
                       orphan removal, as the schedule runs it)
        --help         print this help

      Exit status: 0 when every invocation ran (even if objects were rejected), 1 when the run
      itself failed (a server, the init function, or an invocation that threw), 2 on bad usage.
      """;

  /** Thrown for a command line that cannot be understood; the message says why. */
  public static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  /** Reads the command line; throws {@link UsageException} on unknown or incomplete options. */
  public static LocalRunOptions parse(String... args) {
    Path state = Path.of(".k2-local");
    Path land = null;
    String prefix = "";
    boolean json = false;
    Path build = Path.of("target");
    boolean help = false;
    boolean verbose = false;
    Path event = null;
    String handler = "ingest";
    boolean serve = false;
    boolean maintenance = true;
    int batchSize = Delivery.DEPLOYED.batchSize();
    int concurrency = Delivery.DEPLOYED.concurrency();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--state" -> state = Path.of(value(args, ++i, "--state"));
        case "--land" -> land = Path.of(value(args, ++i, "--land"));
        case "--prefix" -> prefix = value(args, ++i, "--prefix");
        case "--function" -> {
          String function = value(args, ++i, "--function");
          if (function.equals("ingest") || function.equals("init")) {
            handler = function;
          } else {
            build = Path.of(function); // the option's earlier meaning: the build output
          }
        }
        case "--build" -> build = Path.of(value(args, ++i, "--build"));
        case "--event" -> event = Path.of(value(args, ++i, "--event"));
        case "--serve" -> serve = true;
        case "--verbose", "-v" -> verbose = true;
        case "--json" -> json = true;
        case "--help", "-h" -> help = true;
        case "--no-maintenance" -> maintenance = false;
        case "--batch-size" -> batchSize = number(args, ++i, "--batch-size");
        case "--concurrency" -> concurrency = number(args, ++i, "--concurrency");
        default -> throw new UsageException("Unknown option: " + args[i]);
      }
    }
    if (prefix.startsWith("/")) {
      throw new UsageException("--prefix must not start with '/': S3 keys have no leading slash");
    }
    if (event != null && land != null) {
      throw new UsageException("--event sends one event and lands nothing: drop --land");
    }
    return new LocalRunOptions(
        state,
        Optional.ofNullable(land),
        prefix,
        json,
        build,
        help,
        verbose,
        Optional.ofNullable(event),
        handler,
        serve,
        maintenance,
        new Delivery(batchSize, concurrency));
  }

  private static int number(String[] args, int index, String option) {
    String text = value(args, index, option);
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new UsageException(option + " takes a whole number, not '" + text + "'");
    }
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return args[index];
  }

  /** Where the functions' logs of a run go. */
  public Path logDir() {
    return stateDir.resolve("logs");
  }

  /** Where generated sample data goes when nothing is given to land. */
  public Path sampleDir() {
    return stateDir.resolve("sample");
  }
}
