package io.k2.ingest.lambda;

import io.k2.ingest.catalog.CatalogClientPriming;
import io.k2.ingest.ingest.ColdStart;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Primes the parse and write paths, the S3 client and the catalog client when the function starts.
 * Lambda runs start-up in its init phase (with SnapStart, before the snapshot); loading those
 * classes there instead of in the first invocation shortens the first invocation. The clients are
 * primed offline: no request, no credentials (see {@link SnapshotHooks}).
 */
@ApplicationScoped
class ColdStartPriming {

  private static final Logger LOG = Logger.getLogger(ColdStartPriming.class);

  @Inject ColdStart coldStart;
  @Inject S3Client s3;

  void prime(@Observes StartupEvent started) {
    long began = System.nanoTime();
    coldStart.prime();
    LOG.infof("Primed the parse and write paths in %d ms", (System.nanoTime() - began) / 1_000_000);
    began = System.nanoTime();
    S3ClientPriming.prime(s3);
    CatalogClientPriming.prime();
    LOG.infof(
        "Primed the S3 and catalog clients in %d ms", (System.nanoTime() - began) / 1_000_000);
  }
}
