package io.k2.ingest.local.bench;

import io.k2.ingest.local.LocalAwsEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers' independent checker, {@code bench.peers.TableCheck}, run on the benchmark's table in a
 * JVM of its own (it needs Spark's class path and JVM flags). It reads the table's newest metadata
 * file straight from the on-disk S3 store and the data files through the running S3 server, so the
 * servers must still be up.
 */
final class PeerTableCheck {

  private PeerTableCheck() {}

  /**
   * The command line; {@code peers} is the peers' folder after {@code mvn package}.
   *
   * @param tableDir the table's folder in the on-disk S3 store ({@code .../metadata/} inside)
   */
  static List<String> command(Path peers, Path tableDir, URI s3Endpoint) {
    Path classPathFile = peers.resolve("target/classpath.txt");
    String classPath;
    try {
      classPath = peers.resolve("target/classes") + ":" + Files.readString(classPathFile).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "No " + classPathFile + ": build the peers first (cd " + peers + " && mvn -B -q package)",
          e);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("@" + peers.resolve("spark-jvm.opts"));
    // The S3 server accepts any credentials, but the SDK insists on having some.
    command.add("-Daws.accessKeyId=x");
    command.add("-Daws.secretAccessKey=y");
    command.add("-Daws.region=" + LocalAwsEnvironment.REGION);
    command.addAll(List.of("-cp", classPath, "bench.peers.TableCheck"));
    command.addAll(List.of("--metadata", tableDir.toString()));
    command.addAll(List.of("--prop", "s3.endpoint=" + s3Endpoint));
    command.addAll(List.of("--prop", "s3.path-style-access=true"));
    command.addAll(List.of("--prop", "client.region=" + LocalAwsEnvironment.REGION));
    return command;
  }

  /** The command as a user would paste it into a shell, class path abbreviated to its file. */
  static String shellLine(Path peers, Path tableDir, URI s3Endpoint) {
    List<String> command = new ArrayList<>(command(peers, tableDir, s3Endpoint));
    int cp = command.indexOf("-cp");
    command.set(
        cp + 1,
        "\""
            + peers.resolve("target/classes")
            + ":$(cat "
            + peers.resolve("target/classpath.txt")
            + ")\"");
    return "(cd " + peers + " && " + String.join(" ", command) + ")";
  }

  /** Runs the checker, copying its output to {@code out} and to {@code outputFile}. */
  static void run(Path peers, Path tableDir, URI s3Endpoint, Path outputFile, PrintStream out) {
    ProcessBuilder builder =
        new ProcessBuilder(command(peers, tableDir, s3Endpoint))
            .directory(peers.toFile())
            .redirectErrorStream(true)
            .redirectOutput(outputFile.toFile());
    try {
      int status = builder.start().waitFor();
      // Spark's own INFO/WARN lines are left in the file; the checker's findings are the rest.
      for (String line : Files.readAllLines(outputFile, StandardCharsets.UTF_8)) {
        if (!line.matches("^\\d\\d:\\d\\d:\\d\\d (INFO|WARN|ERROR) .*")
            && !line.startsWith("WARNING")) {
          out.println(line);
        }
      }
      if (status != 0) {
        throw new IllegalStateException("TableCheck exited with " + status + "; see " + outputFile);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run TableCheck (output: " + outputFile + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while TableCheck ran", e);
    }
  }
}
