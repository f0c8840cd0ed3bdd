package io.k2.ingest.ingest;

import io.k2.ingest.config.K2Config;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Stages the objects of an invocation side by side. Parsing, sorting and Parquet encoding are CPU
 * bound and independent per object, so an SQS batch of ten files uses every core Lambda gives the
 * function; commits stay one per table, after all objects are staged.
 */
@Singleton
class StagingPool {

  private final ExecutorService threads;

  @Inject
  StagingPool(K2Config config) {
    int configured = config.write().parallelism();
    int size = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    this.threads =
        Executors.newFixedThreadPool(
            size,
            task -> {
              Thread thread = new Thread(task, "k2-stage");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Applies {@code work} to every item, in parallel, and returns the results in item order. */
  <T, R> List<R> map(List<T> items, Function<T, R> work) {
    if (items.size() <= 1) {
      return items.stream().map(work).toList();
    }
    List<Future<R>> futures = new ArrayList<>();
    for (T item : items) {
      futures.add(threads.submit(() -> work.apply(item)));
    }
    List<R> results = new ArrayList<>();
    for (Future<R> future : futures) {
      results.add(join(future));
    }
    return results;
  }

  private static <R> R join(Future<R> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while staging", e);
    } catch (ExecutionException e) {
      // work() turns every object's failure into an outcome; anything else is a bug to surface.
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @PreDestroy
  void close() {
    threads.shutdownNow();
  }
}
