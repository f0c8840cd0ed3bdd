package io.k2.ingest.config;

import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.failure.Misconfiguration;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the settings' values when the function starts (their types are checked by the config
 * mapping before that): a function with a setting that cannot work fails its start, naming the
 * setting, instead of failing objects one by one.
 */
@ApplicationScoped
public class ConfigCheck {

  private static final Set<String> CATALOG_TYPES = Set.of("rest", "glue", "jdbc");

  void onStart(@Observes StartupEvent started, K2Config config) {
    verify(config);
  }

  /**
   * @throws Misconfiguration naming the first setting found wrong
   */
  public static void verify(K2Config config) {
    K2Config.CatalogConfig catalog = config.catalog();
    boolean customCatalog = catalog.properties().containsKey("catalog-impl");
    if (!customCatalog && !CATALOG_TYPES.contains(catalog.type())) {
      fail("k2.catalog.type", "'" + catalog.type() + "' is not one of " + CATALOG_TYPES);
    }
    if (!customCatalog && !catalog.type().equals("glue") && catalog.uri().isEmpty()) {
      fail("k2.catalog.uri", "a " + catalog.type() + " catalog needs its URI");
    }
    if (config.landing().buckets().isEmpty()) {
      fail("k2.landing.buckets", "at least one landing bucket is needed");
    }
    atLeast("k2.landing.max-object-bytes", config.landing().maxObjectBytes(), 1);
    atLeast("k2.bad-rows.max-skipped", config.badRows().maxSkipped(), 0);
    atLeast("k2.bad-rows.report-limit", config.badRows().reportLimit(), 0);
    atLeast("k2.write.buffer-rows", config.write().bufferRows(), 1);
    atLeast("k2.write.parallelism", config.write().parallelism(), 0);
    verifyRoutes(config.routes());
  }

  private static void verifyRoutes(List<K2Config.RouteConfig> routes) {
    if (routes.isEmpty()) {
      fail("k2.routes", "no route: no object could be ingested");
    }
    Set<String> prefixes = new HashSet<>();
    for (int i = 0; i < routes.size(); i++) {
      K2Config.RouteConfig route = routes.get(i);
      String setting = "k2.routes[" + i + "]";
      if (route.prefix().isEmpty()) {
        fail(setting + ".prefix", "empty: it would route every key, reports included");
      }
      if (!prefixes.add(route.prefix())) {
        fail(setting + ".prefix", "'" + route.prefix() + "' is routed twice");
      }
      if (route.table() == MarketTable.INGEST_LOG) {
        fail(setting + ".table", "ingest_log is the load history, not a table for landed data");
      }
    }
  }

  private static void atLeast(String setting, long value, long minimum) {
    if (value < minimum) {
      fail(setting, value + " is below the minimum of " + minimum);
    }
  }

  private static void fail(String setting, String problem) {
    throw new Misconfiguration(setting, problem);
  }
}
