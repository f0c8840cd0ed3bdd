package io.k2.ingest.catalog;

import io.k2.ingest.config.K2Config;
import io.k2.ingest.failure.Misconfiguration;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.Closeable;
import java.io.IOException;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.jboss.logging.Logger;

/**
 * Builds the one Iceberg catalog the function talks to, eagerly when the function starts (a catalog
 * that cannot be built fails the start, naming the setting), and closes it on shutdown.
 */
@Singleton
public class CatalogProducer {

  private static final Logger LOG = Logger.getLogger(CatalogProducer.class);

  @Produces
  @Singleton
  @Startup
  Catalog catalog(K2Config config) {
    K2Config.CatalogConfig catalog = config.catalog();
    // Log the catalog's shape, never its property values: they may hold credentials.
    LOG.infof(
        "Opening %s catalog '%s' on warehouse %s",
        catalog.type(), catalog.name(), catalog.warehouse());
    try {
      return CatalogUtil.buildIcebergCatalog(catalog.name(), CatalogProperties.from(catalog), null);
    } catch (IllegalArgumentException e) {
      throw new Misconfiguration(
          "k2.catalog.type", "cannot build the catalog: " + e.getMessage(), e);
    }
  }

  void close(@Disposes Catalog catalog) throws IOException {
    if (catalog instanceof Closeable closeable) {
      closeable.close();
    }
  }
}
