package io.k2.ingest.local.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The benchmark's command line.
 *
 * @param data the vendor's ASX sample folder ({@code trades/7078.csv}, {@code trades/3153.csv},
 *     {@code reference-data/company_info.csv})
 * @param workload {@code w1}, {@code w2} or {@code w3}
 * @param repeat timed repetitions after the first (cold JIT) one, per delivery mode
 * @param deliveries how the files reach the function: {@code s3} (one S3 notification per file) or
 *     {@code sqs-N} (SQS batches of N messages, one file each)
 * @param scratch where workloads and run state live; outside git
 * @param bufferRows passed to the function as {@code k2.write.buffer-rows}, if given
 * @param function the build output holding {@code *-runner.jar} and {@code lib/}
 * @param peers the peers' folder, built, to run TableCheck on the final table
 * @param keepRunning whether the servers stay up after the report, until Enter
 * @param ownProcess whether the function is also measured in a process of its own
 * @param memoryMb the Lambda memory size whose JVM flags that process gets
 * @param maxHeap overrides that process's maximum heap (e.g. {@code 512m}), if given
 * @param functionFlags more JVM flags for that process (e.g. {@code -Xlog:class+load})
 */
public record BenchOptions(
    Path data,
    String workload,
    int repeat,
    List<Delivery> deliveries,
    Path scratch,
    OptionalInt bufferRows,
    Path function,
    Optional<Path> peers,
    boolean keepRunning,
    boolean ownProcess,
    int memoryMb,
    Optional<String> maxHeap,
    List<String> functionFlags) {

  static final String USAGE =
      """
      Usage: ./mvnw -q -DskipTests package exec:java@bench -Dexec.args="[options]"

      Times the packaged ingest function on the peers' workloads (see docs/benchmarks.md): S3 on
      disk and the REST catalog in this JVM, cold start of both functions, then the workload's
      files ingested 1 + N times into fresh tables, with rows/s, MB/s, files and memory.

      Options:
        --data DIR          the ASX sample folder (default ../shared/data/asx-sample)
        --workload w1|w2|w3 w1: trades/7078.csv (91,631 rows); w2: 110 scaled copies
                            (10,079,410 rows); w3: 277 copies in one 1 GB file (25,381,787
                            rows); w2 and w3 are generated once under the scratch folder
        --repeat N          timed repetitions after the first, cold one (default 3)
        --deliveries LIST   comma-separated: s3 (one S3 event per file) or sqs-N (SQS batches
                            of N files); default s3 for w1 and w3, sqs-10,sqs-110 for w2
        --scratch DIR       workloads and run state (default /tmp/k2-bench)
        --buffer-rows N     the function's k2.write.buffer-rows (default: its own, 1,000,000)
        --function DIR      the build output with *-runner.jar and lib/ (default target)
        --check PEERS_DIR   run the peers' TableCheck on the final table (PEERS_DIR built
                            with mvn package: target/classpath.txt)
        --keep-running      keep S3 and the catalog up after the report, until Enter
        --own-process       also run the ingest function in a JVM process of its own, as
                            Lambda's Java runtime does (runtime interface client + Runtime API
                            server): cold start from process start to the first commit (plain,
                            then with an AppCDS archive), and the first delivery mode once
        --memory MB         that process gets the JVM flags of a Lambda of MB (default 2048,
                            the template's MemorySize)
        --max-heap SIZE     override that process's maximum heap, e.g. 512m
        --function-flags F  more JVM flags for that process, space-separated, e.g.
                            "-Xlog:class+load:file=/tmp/classes.txt"
        --help              print this help
      """;

  /** How files reach the function in one invocation. */
  public record Delivery(String name, int batchSize, boolean sqs) {

    static Delivery parse(String text) {
      if (text.equals("s3")) {
        return new Delivery(text, 1, false);
      }
      if (text.matches("sqs-[1-9][0-9]*")) {
        return new Delivery(text, Integer.parseInt(text.substring(4)), true);
      }
      throw new UsageException("--deliveries takes s3 or sqs-N, not '" + text + "'");
    }
  }

  /** Thrown for a command line that cannot be understood; the message says why. */
  public static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  /** Reads the command line, or returns empty for {@code --help}. */
  static Optional<BenchOptions> parse(String... args) {
    Path data = Path.of("../shared/data/asx-sample");
    String workload = "w1";
    int repeat = 3;
    String deliveries = null;
    Path scratch = Path.of("/tmp/k2-bench");
    OptionalInt bufferRows = OptionalInt.empty();
    Path function = Path.of("target");
    Path peers = null;
    boolean keepRunning = false;
    boolean ownProcess = false;
    int memoryMb = 2048;
    String maxHeap = null;
    List<String> functionFlags = List.of();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(value(args, ++i));
        case "--workload" -> workload = value(args, ++i);
        case "--repeat" -> repeat = number(args, ++i);
        case "--deliveries" -> deliveries = value(args, ++i);
        case "--scratch" -> scratch = Path.of(value(args, ++i));
        case "--buffer-rows" -> bufferRows = OptionalInt.of(number(args, ++i));
        case "--function" -> function = Path.of(value(args, ++i));
        case "--check" -> peers = Path.of(value(args, ++i));
        case "--keep-running" -> keepRunning = true;
        case "--own-process" -> ownProcess = true;
        case "--memory" -> memoryMb = number(args, ++i);
        case "--max-heap" -> maxHeap = value(args, ++i);
        case "--function-flags" -> functionFlags = List.of(value(args, ++i).trim().split("\\s+"));
        case "--help", "-h" -> {
          return Optional.empty();
        }
        default -> throw new UsageException("Unknown option: " + args[i]);
      }
    }
    if (!List.of("w1", "w2", "w3").contains(workload)) {
      throw new UsageException("--workload takes w1, w2 or w3, not '" + workload + "'");
    }
    if (deliveries == null) {
      deliveries =
          switch (workload) {
            case "w1", "w3" -> "s3";
            default -> "sqs-10,sqs-110";
          };
    }
    List<Delivery> parsed = new ArrayList<>();
    for (String delivery : deliveries.split(",")) {
      parsed.add(Delivery.parse(delivery.trim()));
    }
    return Optional.of(
        new BenchOptions(
            data,
            workload,
            repeat,
            parsed,
            scratch.toAbsolutePath(),
            bufferRows,
            function,
            Optional.ofNullable(peers),
            keepRunning,
            ownProcess,
            memoryMb,
            Optional.ofNullable(maxHeap),
            functionFlags));
  }

  private static String value(String[] args, int index) {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new UsageException(args[index - 1] + " needs a value");
    }
    return args[index];
  }

  private static int number(String[] args, int index) {
    String text = value(args, index);
    try {
      int n = Integer.parseInt(text.replace("_", ""));
      if (n < 0) {
        throw new UsageException(args[index - 1] + " must not be negative: " + text);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(args[index - 1] + " takes a whole number, not '" + text + "'");
    }
  }
}
