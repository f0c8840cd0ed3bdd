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
 * <p>Only the summary goes to stdout, so {@code --json} output can be piped; the functions' own
 * logs go to a file under the state folder (shown live with {@code --verbose}), and stderr gets a
 * few notes (what is landed, where the log is, progress on long runs) and errors.
 */
public final class LocalRun {

  private LocalRun() {}

  public static void main(String[] args) {
    PrintStream stdout = System.out;
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
    PrintStream systemOut = System.out;
    PrintStream systemErr = System.err;
    RunLog runLog = null;
    try {
      FunctionPackage function = FunctionPackage.inBuildOutput(options.buildDir());
      runLog = RunLog.open(options.logDir(), options.verbose() ? err : null);
      err.println(
          "logs: "
              + runLog.file().toAbsolutePath()
              + (options.verbose() ? "" : " (--verbose shows them live)"));
      // The functions print their log lines and metrics on the JVM's own streams.
      System.setOut(runLog.stream());
      System.setErr(runLog.stream());
      if (options.event().isPresent()) {
        return LocalEventInvocation.send(function, options, out, err, runLog.notes());
      }
      List<LandedFile> files = filesToLand(options, err);
      PrintStream log =
          new ProgressLine(runLog.notes(), err, files.size(), System.console() != null);
      report =
          new LocalIngestRun(function, files, options.stateDir(), log, options.delivery())
              .withMaintenance(options.maintenance())
              .execute();
      if (options.serve()) {
        printReport(options, report, out);
        LocalServe.serve(options.stateDir(), out);
        return report.runFailed() ? 1 : 0;
      }
    } catch (RunFailedException
        | IllegalStateException
        | IllegalArgumentException
        | UncheckedIOException e) {
      err.println("k2-local: " + e.getMessage());
      if (runLog != null) {
        runLog.notes().println(JsonLogLine.error(RunLog.RUNNER, "The run failed", e));
        err.println("k2-local: details in " + runLog.file().toAbsolutePath());
      } else {
        e.printStackTrace(err);
      }
      return 1;
    } finally {
      System.setOut(systemOut);
      System.setErr(systemErr);
      if (runLog != null) {
        runLog.close();
      }
    }
    printReport(options, report, out);
    return report.runFailed() ? 1 : 0;
  }

  private static void printReport(LocalRunOptions options, RunReport report, PrintStream out) {
    out.print(
        options.json()
            ? RunReportJson.render(report) + System.lineSeparator()
            : RunReportText.render(report));
    out.flush();
  }

  private static List<LandedFile> filesToLand(LocalRunOptions options, PrintStream err) {
    Path root = options.landDir().orElse(options.sampleDir());
    if (options.landDir().isEmpty()) {
      SampleAsxData.write(root);
      err.println("sample: generated ASX-layout sample data in " + root.toAbsolutePath());
    }
    List<LandedFile> files = LandingFiles.discover(root, options.keyPrefix());
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "Nothing to land in "
              + root.toAbsolutePath()
              + ": no *.csv, *.csv.gz, *.txt or *.txt.gz"
              + " files outside dot-folders ("
              + LandingFiles.skipped(root)
              + ")");
    }
    err.printf("land: %d files from %s%n", files.size(), root.toAbsolutePath());
    return files;
  }
}
