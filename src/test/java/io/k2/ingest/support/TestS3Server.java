package io.k2.ingest.support;

import io.k2.ingest.local.EmbeddedS3;
import io.k2.ingest.local.LocalClients;
import io.k2.ingest.local.RequestListener;
import java.net.URI;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 server the tests run against: S3Proxy in this JVM by default, or LocalStack in Docker when
 * the build runs with {@code -Plocalstack} (system property {@code tests.s3=localstack}). The tests
 * are the same either way; only the endpoint differs.
 */
final class TestS3Server implements AutoCloseable {

  static final String LOCALSTACK_IMAGE = "localstack/localstack:4.14.0";

  private final AutoCloseable server;
  private final URI endpoint;

  private TestS3Server(AutoCloseable server, URI endpoint) {
    this.server = server;
    this.endpoint = endpoint;
  }

  /**
   * Starts a server with {@code buckets}; {@code listener} sees every request to the in-process
   * server (LocalStack's requests are not observable from here).
   */
  static TestS3Server start(RequestListener listener, String... buckets) {
    TestS3Server started =
        "localstack".equals(System.getProperty("tests.s3")) ? localStack() : inProcess(listener);
    try (S3Client s3 = LocalClients.s3(started.endpoint)) {
      for (String bucket : buckets) {
        s3.createBucket(b -> b.bucket(bucket));
      }
    }
    return started;
  }

  private static TestS3Server inProcess(RequestListener listener) {
    EmbeddedS3 s3 = EmbeddedS3.inMemory(listener);
    return new TestS3Server(s3, s3.endpoint());
  }

  private static TestS3Server localStack() {
    LocalStackContainer container =
        new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE))
            .withServices(LocalStackContainer.Service.S3);
    container.start();
    return new TestS3Server(
        container, container.getEndpointOverride(LocalStackContainer.Service.S3));
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
