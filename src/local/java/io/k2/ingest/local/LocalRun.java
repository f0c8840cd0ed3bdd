package io.k2.ingest.local;

import io.k2.ingest.local.LandingFiles.LandedFile;
import io.k2.ingest.local.LocalIngestRun.RunFailedException;
import io.k2.ingest.local.LocalRunOptions.UsageException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs K2 Ingest on this machine in one command, with no Docker and no AWS account: the packaged
 * Lambda functions, an S3 server and an Iceberg REST catalog, all in this JVM. See {@code --help}.
 *
 * <p>Only the summary goes to stdout; everything else, the functions' own logs included, goes to
 * stderr, so {@code --json} output can be piped.
 */
public final class LocalRun {

  private LocalRun() {}

  public static void main(String[] args) {
    PrintStream stdout = System.out;
    System.setOut(System.err);
    // exec:java would otherwise wait for the functions' non-daemon threads; Lambda kills them too.
    System.exit(run(args, stdout, System.err));
  }

  /** Runs with the given command line; returns the exit status (see {@code --help}). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    LocalRunOptions options;
    try {
      options = LocalRunOptions.parse(args);
    } catch (UsageException e) {
      err.println(e.getMessage());
      err.println();
      err.print(LocalRunOptions.USAGE);
      return 2;
    }
    if (options.help()) {
      out.print(LocalRunOptions.USAGE);
      return 0;
    }
    RunReport report;
    try {
      FunctionPackage function = FunctionPackage.inBuildOutput(options.buildDir());
      List<LandedFile> files = filesToLand(options, err);
      report = new LocalIngestRun(function, files, options.stateDir(), err).execute();
    } catch (RunFailedException
        | IllegalStateException
        | IllegalArgumentException
        | UncheckedIOException e) {
      err.println("k2-local: " + e.getMessage());
      e.printStackTrace(err);
      return 1;
    }
    out.print(
        options.json()
            ? RunReportJson.render(report) + System.lineSeparator()
            : RunReportText.render(report));
    out.flush();
    return report.runFailed() ? 1 : 0;
  }

  private static List<LandedFile> filesToLand(LocalRunOptions options, PrintStream err) {
    Path root = options.landDir().orElse(options.sampleDir());
    if (options.landDir().isEmpty()) {
      SampleAsxData.write(root);
      err.println("sample: generated ASX-layout sample data in " + root.toAbsolutePath());
    }
    List<LandedFile> files = LandingFiles.discover(root, options.keyPrefix());
    err.printf("land: %d files from %s%n", files.size(), root.toAbsolutePath());
    return files;
  }
}
