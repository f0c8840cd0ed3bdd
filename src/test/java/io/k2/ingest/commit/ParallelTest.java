package io.k2.ingest.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ledger lookups of one batch run side by side; a batch of one stays on its own thread. */
class ParallelTest {

  @Test
  void oneItemIsWorkedOnTheCallersThread() {
    Thread caller = Thread.currentThread();

    assertThat(Parallel.map(List.of("a"), item -> Thread.currentThread() == caller))
        .containsExactly(true);
  }

  @Test
  void twoItemsAreWorkedAtOnceAndAnsweredInTheirOrder() {
    // Each item waits for the other to start: worked one after the other, neither would finish.
    CountDownLatch bothStarted = new CountDownLatch(2);

    List<String> results =
        Parallel.map(
            List.of("a", "b"),
            item -> {
              bothStarted.countDown();
              try {
                return bothStarted.await(10, TimeUnit.SECONDS) ? item.toUpperCase() : "alone";
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
              }
            });

    assertThat(results).containsExactly("A", "B");
  }

  @Test
  void theFirstFailureIsRethrownAsItWas() {
    IllegalStateException failure = new IllegalStateException("storage refused");

    assertThatThrownBy(
            () ->
                Parallel.map(
                    List.of("a", "b"),
                    item -> {
                      if (item.equals("b")) {
                        throw failure;
                      }
                      return item;
                    }))
        .isSameAs(failure);
  }
}
