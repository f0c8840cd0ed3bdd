package io.k2.ingest.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.local.EmbeddedS3;
import io.k2.ingest.local.LocalAwsEnvironment;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * S3 client priming against a real S3 server that records every request: priming sends nothing and
 * resolves no credentials, so a snapshot taken after it holds neither a connection nor a secret;
 * the same client then works normally.
 */
class S3ClientPrimingTest {

  @Test
  void primingSendsNothingAndResolvesNoCredentials() {
    List<String> received = new CopyOnWriteArrayList<>();
    AtomicInteger resolved = new AtomicInteger();
    AwsCredentialsProvider counting =
        new AwsCredentialsProvider() {
          @Override
          public AwsCredentials resolveCredentials() {
            resolved.incrementAndGet();
            return AwsBasicCredentials.create("priming-test", "priming-secret");
          }
        };
    LocalAwsEnvironment.useDummyCredentials();
    try (EmbeddedS3 s3 =
            EmbeddedS3.inMemory(
                (method, path, query, headers) -> {
                  received.add(method + " " + path);
                  return status -> {};
                });
        S3Client client =
            S3Client.builder()
                .endpointOverride(s3.endpoint())
                .forcePathStyle(true)
                .region(Region.of(LocalAwsEnvironment.REGION))
                .credentialsProvider(counting)
                .httpClient(UrlConnectionHttpClient.create())
                // As the function's client is configured for a plain-HTTP endpoint: an upload
                // streamed in signed chunks can be answered before its last chunk is sent, and
                // the client then sends it again.
                .serviceConfiguration(
                    S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .build()) {
      s3.createBucket("landing");
      received.clear();

      S3ClientPriming.prime(client);

      assertThat(received).as("requests the S3 server received during priming").isEmpty();
      assertThat(resolved).as("credential resolutions during priming").hasValue(0);

      // The test can tell: a real request after priming reaches the server, signed.
      client.putObject(b -> b.bucket("landing").key("after-priming"), RequestBody.fromString("x"));
      assertThat(received).containsExactly("PUT /landing/after-priming");
      assertThat(resolved.get()).isPositive();
    }
  }
}
