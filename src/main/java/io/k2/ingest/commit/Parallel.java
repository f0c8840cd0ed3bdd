package io.k2.ingest.commit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Runs the per-object ledger lookups and writes of one commit side by side: each is a few small
 * storage requests, and an SQS batch commits ten objects at once.
 */
final class Parallel {

  private static final ExecutorService THREADS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "k2-ledger");
            thread.setDaemon(true);
            return thread;
          });

  private Parallel() {}

  /** {@code work} applied to every item, in item order; the first failure is rethrown. */
  static <T, R> List<R> map(List<T> items, Function<T, R> work) {
    if (items.size() <= 1) {
      return items.stream().map(work).toList();
    }
    List<CompletableFuture<R>> futures = new ArrayList<>();
    for (T item : items) {
      futures.add(CompletableFuture.supplyAsync(() -> work.apply(item), THREADS));
    }
    List<R> results = new ArrayList<>();
    for (CompletableFuture<R> future : futures) {
      try {
        results.add(future.join());
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw e;
      }
    }
    return results;
  }
}
