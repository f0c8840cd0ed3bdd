package io.k2.ingest.lambda;

import io.k2.ingest.ingest.ColdStart;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Primes the parse and write paths when the function starts. Lambda runs start-up in its init
 * phase, with boosted CPU; loading those classes there instead of in the first invocation shortens
 * the first invocation.
 */
@ApplicationScoped
class ColdStartPriming {

  private static final Logger LOG = Logger.getLogger(ColdStartPriming.class);

  @Inject ColdStart coldStart;

  void prime(@Observes StartupEvent started) {
    long began = System.nanoTime();
    coldStart.prime();
    LOG.infof("Primed the parse and write paths in %d ms", (System.nanoTime() - began) / 1_000_000);
  }
}
