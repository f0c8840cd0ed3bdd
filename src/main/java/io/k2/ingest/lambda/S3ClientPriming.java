package io.k2.ingest.lambda;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs the kinds of request ingest makes (get, head, put) through the S3 client's pipeline, so that
 * marshalling, endpoint rules, checksums and the signer's classes are loaded before the first
 * invocation (and before a SnapStart snapshot). Each request stops just before it would be sent and
 * carries anonymous credentials of its own: priming opens no connection and never resolves the
 * function's credentials, so neither a connection nor a secret can end up in the snapshot.
 */
final class S3ClientPriming {

  private static final String BUCKET = "k2-priming";
  private static final String KEY = "priming/object.csv";

  private S3ClientPriming() {}

  /**
   * @throws IllegalStateException if a request got past the point where it is stopped
   */
  static void prime(S3Client s3) {
    expectStopped(
        () ->
            s3.getObject(
                b -> b.bucket(BUCKET).key(KEY).overrideConfiguration(S3ClientPriming::offline),
                ResponseTransformer.toBytes()));
    expectStopped(
        () ->
            s3.headObject(
                b -> b.bucket(BUCKET).key(KEY).overrideConfiguration(S3ClientPriming::offline)));
    expectStopped(
        () ->
            s3.putObject(
                b -> b.bucket(BUCKET).key(KEY).overrideConfiguration(S3ClientPriming::offline),
                RequestBody.fromString("priming")));
  }

  /** Anonymous credentials for this request only, and a stop before transmission. */
  private static void offline(AwsRequestOverrideConfiguration.Builder request) {
    request
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .addPlugin(
            client ->
                client.overrideConfiguration(
                    client.overrideConfiguration().toBuilder()
                        .addExecutionInterceptor(new StopBeforeSending())
                        .build()));
  }

  private static void expectStopped(Runnable request) {
    try {
      request.run();
    } catch (RuntimeException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof Stopped) {
          return;
        }
      }
      throw new IllegalStateException("S3 priming failed before its stop", e);
    }
    throw new IllegalStateException("S3 priming was not stopped: a request was sent");
  }

  /** Thrown where the request would go out on the network. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super("priming request stopped before transmission", null, false, false);
    }
  }

  private static final class StopBeforeSending implements ExecutionInterceptor {
    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      throw new Stopped();
    }
  }
}
