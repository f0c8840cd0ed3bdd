package io.k2.ingest.lambda;

import io.k2.ingest.catalog.RestorableCatalog;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

/**
 * SnapStart's runtime hooks (CRaC: Lambda's Java runtime calls them around the snapshot). Start-up,
 * priming included, runs before the snapshot, and every execution environment restored from it
 * shares what start-up left in memory. So before the snapshot the catalog lets go of its client:
 * its pooled connections, tokens and any credentials its start-up check resolved; each restored
 * environment opens its own client on first use. Nothing else start-up leaves is unique or secret:
 * the S3 client is primed without sending or resolving credentials (its connections and credentials
 * come with the first invocation), ids that name files and attempts are made per object and attempt
 * from {@code SecureRandom}, which reads the kernel's entropy on every call, and the priming writes
 * only to in-memory tables.
 */
@ApplicationScoped
public class SnapshotHooks implements Resource {

  private static final Logger LOG = Logger.getLogger(SnapshotHooks.class);

  @Inject RestorableCatalog catalog;

  // The global context holds resources weakly: this bean keeps itself alive.
  void register(@Observes StartupEvent started) {
    Core.getGlobalContext().register(this);
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    catalog.release();
    LOG.info("Before the snapshot: released the catalog client");
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    LOG.info("Restored from the snapshot: the catalog client opens on first use");
  }
}
