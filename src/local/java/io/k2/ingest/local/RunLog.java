package io.k2.ingest.local;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a local run's chatter goes: the functions' logs (their JSON lines, metrics, library
 * warnings) and the runner's own progress notes, into one file under the state folder, and also
 * live to the terminal with {@code --verbose}. Standard output keeps only the summary.
 */
final class RunLog implements AutoCloseable {

  private final Path file;
  private final PrintStream stream;
  private final OutputStream fileOut;

  private RunLog(Path file, OutputStream fileOut, PrintStream stream) {
    this.file = file;
    this.fileOut = fileOut;
    this.stream = stream;
  }

  /** A new log file in {@code dir}, named by the time; {@code live} also gets every line. */
  static RunLog open(Path dir, PrintStream live) {
    try {
      Files.createDirectories(dir);
      String name =
          "run-"
              + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
              + ".log";
      Path file = dir.resolve(name);
      OutputStream fileOut = new FileOutputStream(file.toFile());
      OutputStream target = live == null ? fileOut : new Tee(fileOut, live);
      return new RunLog(file, fileOut, new PrintStream(target, true, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open a log file in " + dir, e);
    }
  }

  Path file() {
    return file;
  }

  PrintStream stream() {
    return stream;
  }

  @Override
  public void close() {
    stream.flush();
    try {
      fileOut.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + file, e);
    }
  }

  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      first.flush();
      second.flush();
    }
  }
}
