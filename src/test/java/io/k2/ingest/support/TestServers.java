package io.k2.ingest.support;

import io.k2.ingest.local.EmbeddedRestCatalog;
import io.k2.ingest.local.LocalAwsEnvironment;
import io.k2.ingest.local.LocalFunctionConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The servers a Quarkus test resource runs: an S3 server with the landing and warehouse buckets,
 * and an Iceberg REST catalog on a throw-away SQLite file. Closing stops both and removes the file.
 */
final class TestServers implements AutoCloseable {

  private final TestS3Server s3;
  private final EmbeddedRestCatalog catalog;
  private final Path catalogDir;

  private TestServers(TestS3Server s3, EmbeddedRestCatalog catalog, Path catalogDir) {
    this.s3 = s3;
    this.catalog = catalog;
    this.catalogDir = catalogDir;
  }

  static TestServers start() {
    // The function, in the test JVM, finds these through the SDK's default credentials chain.
    LocalAwsEnvironment.useDummyCredentials();
    TestS3Server s3 =
        TestS3Server.start(
            LocalFunctionConfiguration.LANDING_BUCKET, LocalFunctionConfiguration.WAREHOUSE_BUCKET);
    Path catalogDir;
    try {
      catalogDir = Files.createTempDirectory("k2-catalog");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a directory for the catalog", e);
    }
    EmbeddedRestCatalog catalog =
        EmbeddedRestCatalog.start(
            s3.endpoint(), LocalFunctionConfiguration.WAREHOUSE, catalogDir.resolve("catalog.db"));
    return new TestServers(s3, catalog, catalogDir);
  }

  /** Where the servers listen, as tests see them. */
  EmbeddedServers addresses() {
    return new EmbeddedServers(s3.endpoint(), catalog.uri());
  }

  @Override
  public void close() {
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
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }
}
