package io.k2.ingest.local;

import io.k2.ingest.local.LocalLambdaRuntime.FunctionSettings;
import io.k2.ingest.local.LocalLambdaRuntime.Invocation;
import io.k2.ingest.local.LocalRunOptions.Delivery;
import io.k2.ingest.local.S3Events.CreatedObject;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Delivers landed objects to the ingest function the way the deployment's queue does: their S3
 * notifications are gathered into SQS batches of up to {@link Delivery#batchSize()} (a batch closes
 * when full, when the batching window has passed since its first message, or when landing is over),
 * and up to {@link Delivery#concurrency()} invocations run at once, each in an execution
 * environment of its own that is started when first needed and then reused, as Lambda does. Landing
 * goes on while earlier batches are ingested.
 */
final class QueueDelivery {

  /** The event source mapping's MaximumBatchingWindowInSeconds in infra/template.yaml. */
  static final Duration BATCHING_WINDOW = Duration.ofSeconds(5);

  /** One invocation: the objects of its batch, its call, and its environment's init phase. */
  record Delivered(List<CreatedObject> objects, Invocation call, Duration initPhase) {}

  private static final CreatedObject END = new CreatedObject("", "", 0, "", "", null);

  private final FunctionPackage function;
  private final FunctionSettings settings;
  private final Delivery delivery;
  private final PrintStream log;
  private final Consumer<Delivered> onDelivered;
  private final BlockingQueue<CreatedObject> queue = new LinkedBlockingQueue<>();
  private final Map<Integer, Delivered> delivered = new ConcurrentSkipListMap<>();
  private final List<Thread> environments = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();
  private int batches;
  private boolean started;

  QueueDelivery(
      FunctionPackage function,
      FunctionSettings settings,
      Delivery delivery,
      PrintStream log,
      Consumer<Delivered> onDelivered) {
    this.function = function;
    this.settings = settings;
    this.delivery = delivery;
    this.log = log;
    this.onDelivered = onDelivered;
  }

  /** Queues one object's notification; the first one starts the pollers. */
  void send(CreatedObject object) {
    if (!started) {
      started = true;
      for (int i = 0; i < delivery.concurrency(); i++) {
        Thread environment = new Thread(this::pollAndInvoke, settings.name() + "-env-" + (i + 1));
        environment.setDaemon(true);
        environment.start();
        environments.add(environment);
      }
    }
    queue.add(object);
  }

  /** Waits until every queued object was delivered; the invocations in the order batched. */
  List<Delivered> finish() {
    queue.add(END);
    for (Thread environment : environments) {
      try {
        environment.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for ingest invocations", e);
      }
    }
    synchronized (failures) {
      if (!failures.isEmpty()) {
        throw new IllegalStateException("An ingest environment failed", failures.get(0));
      }
    }
    return List.copyOf(delivered.values());
  }

  private void pollAndInvoke() {
    LocalLambdaRuntime runtime = null;
    try {
      for (Optional<Batch> batch = nextBatch(); batch.isPresent(); batch = nextBatch()) {
        if (runtime == null) {
          runtime = LocalLambdaRuntime.start(function, settings, log);
        }
        Invocation call = runtime.invoke(SqsEvents.batch(batch.get().objects()));
        Delivered done = new Delivered(batch.get().objects(), call, runtime.initDuration());
        delivered.put(batch.get().number(), done);
        onDelivered.accept(done);
      }
    } catch (RuntimeException | Error e) {
      synchronized (failures) {
        failures.add(e);
      }
    }
  }

  private record Batch(int number, List<CreatedObject> objects) {}

  /** Like the queue's poller: one batch at a time, empty once landing is over and all is sent. */
  private synchronized Optional<Batch> nextBatch() {
    try {
      CreatedObject first = queue.take();
      if (first == END) {
        queue.add(END); // for the other environments
        return Optional.empty();
      }
      List<CreatedObject> objects = new ArrayList<>(List.of(first));
      long deadline = System.nanoTime() + BATCHING_WINDOW.toNanos();
      while (objects.size() < delivery.batchSize()) {
        CreatedObject next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (next == null) {
          break;
        }
        if (next == END) {
          queue.add(END);
          break;
        }
        objects.add(next);
      }
      return Optional.of(new Batch(batches++, List.copyOf(objects)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
