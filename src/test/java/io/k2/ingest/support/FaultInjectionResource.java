package io.k2.ingest.support;

import io.k2.ingest.local.EmbeddedRestCatalog;
import io.k2.ingest.local.EmbeddedS3;
import io.k2.ingest.local.LocalAwsEnvironment;
import io.k2.ingest.local.LocalFunctionConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Like {@link EmbeddedServersResource}, but the function reaches both servers through a {@link
 * FaultyProxy}: every endpoint in its configuration ({@code k2.catalog.uri}, {@code
 * k2.catalog.s3-endpoint}, {@code quarkus.s3.endpoint-override}) is a proxy, so a test can break
 * the function's S3 reads and writes and its catalog calls. The test's own clients go to the
 * servers directly ({@link FaultyServers#direct()}), and so does the catalog server's own storage.
 *
 * <p>Use with {@code @QuarkusTestResource(value = FaultInjectionResource.class,
 * restrictToAnnotatedClass = true)} and reach the proxies through an {@link InjectFaultyServers}
 * field or {@link #servers()}.
 */
public class FaultInjectionResource implements QuarkusTestResourceLifecycleManager {

  private static volatile FaultyServers current;

  private EmbeddedS3 s3;
  private EmbeddedRestCatalog catalog;
  private FaultyProxy s3Proxy;
  private FaultyProxy catalogProxy;
  private Path catalogDir;

  /** The running servers and proxies; fails outside a test that uses this resource. */
  public static FaultyServers servers() {
    FaultyServers servers = current;
    if (servers == null) {
      throw new IllegalStateException("FaultInjectionResource is not running");
    }
    return servers;
  }

  @Override
  public Map<String, String> start() {
    LocalAwsEnvironment.useDummyCredentials();
    s3 = EmbeddedS3.inMemory();
    s3.createBucket(LocalFunctionConfiguration.LANDING_BUCKET);
    s3.createBucket(LocalFunctionConfiguration.WAREHOUSE_BUCKET);
    try {
      catalogDir = Files.createTempDirectory("k2-faults-catalog");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a directory for the catalog", e);
    }
    catalog =
        EmbeddedRestCatalog.start(
            s3.endpoint(), LocalFunctionConfiguration.WAREHOUSE, catalogDir.resolve("catalog.db"));
    s3Proxy = FaultyProxy.start(s3.endpoint());
    catalogProxy = FaultyProxy.start(catalog.uri());
    current =
        new FaultyServers(
            new EmbeddedServers(s3.endpoint(), catalog.uri()), s3Proxy, catalogProxy);
    return LocalFunctionConfiguration.forServers(s3Proxy.uri(), catalogProxy.uri());
  }

  /**
   * Starts after the others. Resources other test classes declare without {@code
   * restrictToAnnotatedClass} (such as {@link EmbeddedServersResource}) are global and start for
   * this test class as well, and where two resources set the same property, the one started last
   * wins: that must be this one, or the function would bypass the proxies.
   */
  @Override
  public int order() {
    return 1000;
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        current,
        new TestInjector.AnnotatedAndMatchesType(InjectFaultyServers.class, FaultyServers.class));
  }

  @Override
  public void stop() {
    current = null;
    try (EmbeddedS3 closingS3 = s3;
        EmbeddedRestCatalog closingCatalog = catalog;
        FaultyProxy closingS3Proxy = s3Proxy;
        FaultyProxy closingCatalogProxy = catalogProxy) {
      // closed in reverse order: proxies, then the catalog, then the S3 server it writes to
    } finally {
      deleteRecursively(catalogDir);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }
}
