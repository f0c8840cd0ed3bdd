package io.k2.ingest.local;

import java.io.ByteArrayOutputStream;
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
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Where a local run's chatter goes: the functions' logs (their JSON lines, metrics, library
 * warnings) and the runner's own notes, into one file under the state folder, and also live to the
 * terminal with {@code --verbose}. Standard output keeps only the summary.
 *
 * <p>Every line of the file is one JSON object, as in the deployed function's log ({@link
 * JsonLogLine}): lines that already are one (the functions' event lines, their metrics documents)
 * are kept as they are; records of {@code java.util.logging}, where the functions' own logger ends
 * up outside Lambda (it runs without Quarkus' log manager here), are written with their level,
 * logger and exception; any other text line is wrapped as the message of a line of its own.
 */
final class RunLog implements AutoCloseable {

  /** The logger name of the runner's own notes. */
  static final String RUNNER = "io.k2.ingest.local";

  /** The logger name of text the functions or libraries print on the standard streams. */
  static final String CONSOLE = "console";

  private final Path file;
  private final OutputStream fileOut;
  private final OutputStream target;
  private final PrintStream stream;
  private final PrintStream notes;
  private final Handler records;
  private final Handler[] replaced;

  private RunLog(Path file, OutputStream fileOut, OutputStream target) {
    this.file = file;
    this.fileOut = fileOut;
    this.target = target;
    this.stream = new PrintStream(new JsonLines(CONSOLE), true, StandardCharsets.UTF_8);
    this.notes = new PrintStream(new JsonLines(RUNNER), true, StandardCharsets.UTF_8);
    this.records = new RecordHandler();
    Logger root = Logger.getLogger("");
    this.replaced = root.getHandlers();
    for (Handler handler : replaced) {
      root.removeHandler(handler);
    }
    root.addHandler(records);
  }

  /** A new log file in {@code dir}, named by the time; {@code live} also gets every line. */
  static RunLog open(Path dir, PrintStream live) {
    try {
      Files.createDirectories(dir);
      String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      Path file = dir.resolve("run-" + stamp + ".log");
      for (int n = 2; Files.exists(file); n++) {
        file = dir.resolve("run-" + stamp + "-" + n + ".log");
      }
      OutputStream fileOut = new FileOutputStream(file.toFile());
      OutputStream target = live == null ? fileOut : new Tee(fileOut, live);
      return new RunLog(file, fileOut, target);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open a log file in " + dir, e);
    }
  }

  Path file() {
    return file;
  }

  /** For the standard streams: what the functions and libraries print. */
  PrintStream stream() {
    return stream;
  }

  /** For the runner's own notes ({@code init: ...}, {@code ingest: key -> committed ...}). */
  PrintStream notes() {
    return notes;
  }

  @Override
  public void close() {
    Logger root = Logger.getLogger("");
    root.removeHandler(records);
    for (Handler handler : replaced) {
      root.addHandler(handler);
    }
    stream.close();
    notes.close();
    try {
      fileOut.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + file, e);
    }
  }

  private synchronized void writeLine(String line) {
    try {
      target.write((line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
      target.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write to " + file, e);
    }
  }

  /** Collects bytes into lines and writes each as one JSON object. */
  private final class JsonLines extends OutputStream {
    private final String logger;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    JsonLines(String logger) {
      this.logger = logger;
    }

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        emit();
      } else {
        line.write(b);
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }

    @Override
    public synchronized void close() {
      if (line.size() > 0) {
        emit();
      }
    }

    private void emit() {
      String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
      line.reset();
      if (text.isBlank()) {
        return;
      }
      writeLine(
          JsonLogLine.isObject(text) ? text.strip() : JsonLogLine.info(logger, text, Map.of()));
    }
  }

  /** {@code java.util.logging} records, one JSON line each. */
  private final class RecordHandler extends Handler {
    private final SimpleFormatter messages = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      if (!isLoggable(record)) {
        return;
      }
      writeLine(
          JsonLogLine.of(
              record.getInstant(),
              JsonLogLine.level(record.getLevel()),
              record.getLoggerName() == null ? "" : record.getLoggerName(),
              messages.formatMessage(record),
              Map.of("threadName", Thread.currentThread().getName()),
              record.getThrown()));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
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
