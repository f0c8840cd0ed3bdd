package io.k2.ingest.support;

import io.k2.ingest.local.EmbeddedRestCatalog;
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
 * Starts an S3 server (in memory, or LocalStack with {@code -Plocalstack}; buckets {@code landing}
 * and {@code warehouse}) and an Iceberg REST
 * catalog on a throw-away SQLite file, and points the function's configuration at them. Use with
 * {@code @QuarkusTestResource(EmbeddedServersResource.class)}; reach the servers through an {@link
 * InjectEmbeddedServers} field or {@link #servers()}.
 */
public class EmbeddedServersResource implements QuarkusTestResourceLifecycleManager {

  private static volatile EmbeddedServers current;

  private TestS3Server s3;
  private EmbeddedRestCatalog catalog;
  private Path catalogDir;

  /** The running servers; fails outside a test that uses this resource. */
  public static EmbeddedServers servers() {
    EmbeddedServers servers = current;
    if (servers == null) {
      throw new IllegalStateException("EmbeddedServersResource is not running");
    }
    return servers;
  }

  @Override
  public Map<String, String> start() {
    // The function, in this JVM, finds these through the SDK's default credentials chain.
    LocalAwsEnvironment.useDummyCredentials();
    s3 = TestS3Server.start(LocalFunctionConfiguration.LANDING_BUCKET, LocalFunctionConfiguration.WAREHOUSE_BUCKET);
    try {
      catalogDir = Files.createTempDirectory("k2-catalog");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a directory for the catalog", e);
    }
    catalog =
        EmbeddedRestCatalog.start(
            s3.endpoint(), LocalFunctionConfiguration.WAREHOUSE, catalogDir.resolve("catalog.db"));
    current = new EmbeddedServers(s3.endpoint(), catalog.uri());
    return LocalFunctionConfiguration.forServers(s3.endpoint(), catalog.uri());
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        current,
        new TestInjector.AnnotatedAndMatchesType(
            InjectEmbeddedServers.class, EmbeddedServers.class));
  }

  @Override
  public void stop() {
    current = null;
    try (TestS3Server closingS3 = s3;
        EmbeddedRestCatalog closingCatalog = catalog) {
      // closed in reverse order: the catalog first, then the S3 server it writes to
    } catch (Exception e) {
      throw new IllegalStateException("stopping the test servers", e);
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
