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
 */
public record LocalRunOptions(
    Path stateDir,
    Optional<Path> landDir,
    String keyPrefix,
    boolean json,
    Path buildDir,
    boolean help) {

  static final String USAGE =
      """
      Usage: ./mvnw -q -DskipTests package exec:java@local -Dexec.args="[options]"

      Runs the packaged K2 Ingest Lambda functions (init, then ingest once per landed object)
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
        --function DIR the build output holding *-runner.jar and lib/ (default: target)
        --json         print one JSON document on stdout (everything else goes to stderr)
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
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--state" -> state = Path.of(value(args, ++i, "--state"));
        case "--land" -> land = Path.of(value(args, ++i, "--land"));
        case "--prefix" -> prefix = value(args, ++i, "--prefix");
        case "--function" -> build = Path.of(value(args, ++i, "--function"));
        case "--json" -> json = true;
        case "--help", "-h" -> help = true;
        default -> throw new UsageException("Unknown option: " + args[i]);
      }
    }
    if (prefix.startsWith("/")) {
      throw new UsageException("--prefix must not start with '/': S3 keys have no leading slash");
    }
    return new LocalRunOptions(state, Optional.ofNullable(land), prefix, json, build, help);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return args[index];
  }

  /** Where generated sample data goes when nothing is given to land. */
  public Path sampleDir() {
    return stateDir.resolve("sample");
  }
}
