package io.k2.ingest.support;

import io.k2.ingest.local.LocalFunctionConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

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

  private TestServers started;
  private String function = TestServers.DEFAULT_FUNCTION;
  private FaultyProxy s3Proxy;
  private FaultyProxy catalogProxy;

  /** The running servers and proxies; fails outside a test that uses this resource. */
  public static FaultyServers servers() {
    FaultyServers servers = current;
    if (servers == null) {
      throw new IllegalStateException("FaultInjectionResource is not running");
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
    EmbeddedServers direct = started.addresses();
    s3Proxy = FaultyProxy.start(direct.s3Endpoint());
    catalogProxy = FaultyProxy.start(direct.catalogUri());
    current = new FaultyServers(direct, s3Proxy, catalogProxy);
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
    try (TestServers closingServers = started;
        FaultyProxy closingS3Proxy = s3Proxy;
        FaultyProxy closingCatalogProxy = catalogProxy) {
      // closed in reverse order: the proxies, then the servers behind them
    }
  }
}
