package io.k2.ingest.catalog;

import io.k2.ingest.config.K2Config;
import io.k2.ingest.failure.Misconfiguration;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.jboss.logging.Logger;

/**
 * Builds the one Iceberg catalog the function talks to, eagerly when the function starts (a catalog
 * that cannot be built fails the start, naming the setting), and closes it on shutdown. The catalog
 * can release its client before a SnapStart snapshot and open a new one after restore ({@link
 * RestorableCatalog}).
 */
@Singleton
public class CatalogProducer {

  private static final Logger LOG = Logger.getLogger(CatalogProducer.class);

  @Produces
  @Singleton
  @Startup
  RestorableCatalog catalog(K2Config config) {
    K2Config.CatalogConfig catalog = config.catalog();
    // Log the catalog's shape, never its property values: they may hold credentials.
    LOG.infof(
        "Opening %s catalog '%s' on warehouse %s",
        catalog.type(), catalog.name(), catalog.warehouse());
    return new RestorableCatalog(() -> build(catalog));
  }

  private static Catalog build(K2Config.CatalogConfig catalog) {
    try {
      return CatalogUtil.buildIcebergCatalog(catalog.name(), CatalogProperties.from(catalog), null);
    } catch (IllegalArgumentException e) {
      throw new Misconfiguration(
          "k2.catalog.type", "cannot build the catalog: " + e.getMessage(), e);
    }
  }

  void close(@Disposes RestorableCatalog catalog) {
    catalog.close();
  }
}
