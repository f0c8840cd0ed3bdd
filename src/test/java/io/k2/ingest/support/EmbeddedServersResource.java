package io.k2.ingest.support;

import io.k2.ingest.local.LocalFunctionConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts an S3 server (in memory, or LocalStack with {@code -Plocalstack}; buckets {@code landing}
 * and {@code warehouse}) and an Iceberg REST catalog on a throw-away SQLite file, and points the
 * function's configuration at them. Use with
 * {@code @QuarkusTestResource(EmbeddedServersResource.class)}; reach the servers through an {@link
 * InjectEmbeddedServers} field or {@link #servers()}.
 */
public class EmbeddedServersResource implements QuarkusTestResourceLifecycleManager {

  private static volatile EmbeddedServers current;

  private TestServers started;
  private String function = TestServers.DEFAULT_FUNCTION;

  /** The running servers; fails outside a test that uses this resource. */
  public static EmbeddedServers servers() {
    EmbeddedServers servers = current;
    if (servers == null) {
      throw new IllegalStateException("EmbeddedServersResource is not running");
    }
    return servers;
  }

  @Override
  public void setContext(Context context) {
    function = TestServers.functionOf(context.testProfile());
  }

  @Override
  public Map<String, String> start() {
    started = TestServers.start(function);
    current = started.addresses();
    return LocalFunctionConfiguration.forServers(current.s3Endpoint(), current.catalogUri());
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
    started.close();
  }
}
