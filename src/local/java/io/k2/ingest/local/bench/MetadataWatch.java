package io.k2.ingest.local.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Counts the metadata bytes a table's commits write, deleted files included: it polls the table's
 * metadata folder in the on-disk S3 store four times a second and remembers every file it saw.
 * Iceberg keeps each metadata file for the next 20 commits, far longer than a poll interval.
 */
final class MetadataWatch implements AutoCloseable {

  private final Map<String, Path> dirs;
  private final Map<String, Map<String, Long>> seen = new ConcurrentHashMap<>();
  private final Thread poller;
  private volatile boolean running = true;

  MetadataWatch(Map<String, Path> metadataDirsByTable) {
    this.dirs = Map.copyOf(metadataDirsByTable);
    dirs.keySet().forEach(table -> seen.put(table, new ConcurrentHashMap<>()));
    this.poller = new Thread(this::pollUntilClosed, "metadata-watch");
    poller.setDaemon(true);
    poller.start();
  }

  /** Bytes of every metadata file seen so far, per table; the caller subtracts its baseline. */
  synchronized Map<String, Long> bytesSeen() {
    poll();
    Map<String, Long> totals = new ConcurrentHashMap<>();
    seen.forEach(
        (table, files) ->
            totals.put(table, files.values().stream().mapToLong(Long::longValue).sum()));
    return totals;
  }

  private void pollUntilClosed() {
    while (running) {
      poll();
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void poll() {
    dirs.forEach(
        (table, dir) -> {
          if (!Files.isDirectory(dir)) {
            return;
          }
          try (Stream<Path> files = Files.list(dir)) {
            files.forEach(
                file -> {
                  try {
                    seen.get(table).putIfAbsent(file.getFileName().toString(), Files.size(file));
                  } catch (IOException e) {
                    // Deleted between the listing and the size: it was seen on an earlier poll or
                    // not.
                  }
                });
          } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
          }
        });
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
  }
}
