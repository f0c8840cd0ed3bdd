package io.k2.ingest.support;

import io.k2.ingest.local.EmbeddedRestCatalog;
import io.k2.ingest.local.LocalAwsEnvironment;
import io.k2.ingest.local.LocalFunctionConfiguration;
import io.quarkus.test.junit.QuarkusTestProfile;
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

  /** The handler {@code application.properties} selects when a test profile names none. */
  static final String DEFAULT_FUNCTION = "ingest";

  private final TestS3Server s3;
  private final EmbeddedRestCatalog catalog;
  private final Path catalogDir;

  private TestServers(TestS3Server s3, EmbeddedRestCatalog catalog, Path catalogDir) {
    this.s3 = s3;
    this.catalog = catalog;
    this.catalogDir = catalogDir;
  }

  /**
   * Starts both servers, recording every request they answer on behalf of {@code function} (the
   * handler the Quarkus application under test runs); see {@link FunctionCallRecorder}.
   */
  static TestServers start(String function) {
    // The function, in the test JVM, finds these through the SDK's default credentials chain.
    LocalAwsEnvironment.useDummyCredentials();
    FunctionCallRecorder recorder = new FunctionCallRecorder(function);
    TestS3Server s3 =
        TestS3Server.start(
            recorder.s3(),
            LocalFunctionConfiguration.LANDING_BUCKET,
            LocalFunctionConfiguration.WAREHOUSE_BUCKET);
    Path catalogDir;
    try {
      catalogDir = Files.createTempDirectory("k2-catalog");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a directory for the catalog", e);
    }
    EmbeddedRestCatalog catalog =
        EmbeddedRestCatalog.start(
            s3.endpoint(),
            LocalFunctionConfiguration.WAREHOUSE,
            catalogDir.resolve("catalog.db"),
            recorder.catalog());
    return new TestServers(s3, catalog, catalogDir);
  }

  /** The handler ({@code quarkus.lambda.handler}) a Quarkus test profile selects. */
  static String functionOf(String profileClassName) {
    if (profileClassName == null) {
      return DEFAULT_FUNCTION;
    }
    try {
      QuarkusTestProfile profile =
          (QuarkusTestProfile)
              Class.forName(profileClassName, true, Thread.currentThread().getContextClassLoader())
                  .getDeclaredConstructor()
                  .newInstance();
      return profile.getConfigOverrides().getOrDefault("quarkus.lambda.handler", DEFAULT_FUNCTION);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot read the test profile " + profileClassName, e);
    }
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
