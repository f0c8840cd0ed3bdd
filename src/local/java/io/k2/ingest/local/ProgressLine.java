package io.k2.ingest.local;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A log stream that also counts the runner's {@code ingest: } lines and, on long runs, tells the
 * terminal how far it got: one line rewritten in place on a console, or a line every ten seconds
 * when the output is a file or a pipe. Runs of ten objects or fewer stay silent.
 */
final class ProgressLine extends PrintStream {

  private static final long QUIET_NANOS = 10_000_000_000L;

  private final PrintStream terminal;
  private final int total;
  private final boolean console;
  private int done;
  private long lastShown = System.nanoTime();

  ProgressLine(OutputStream log, PrintStream terminal, int total, boolean console) {
    super(log, true, StandardCharsets.UTF_8);
    this.terminal = terminal;
    this.total = total;
    this.console = console;
  }

  @Override
  public void println(String line) {
    super.println(line);
    if (line != null && line.startsWith("ingest: ")) {
      done++;
      show(line.substring("ingest: ".length()));
    }
  }

  private synchronized void show(String last) {
    if (total <= 10) {
      return;
    }
    String text = "progress: %d/%d objects (last: %s)".formatted(done, total, shorten(last));
    if (console) {
      terminal.print("\r" + text + "\033[K" + (done == total ? System.lineSeparator() : ""));
      terminal.flush();
    } else if (System.nanoTime() - lastShown > QUIET_NANOS || done == total) {
      terminal.println(text);
      lastShown = System.nanoTime();
    }
  }

  private static String shorten(String text) {
    return text.length() > 70 ? text.substring(0, 67) + "..." : text;
  }
}
