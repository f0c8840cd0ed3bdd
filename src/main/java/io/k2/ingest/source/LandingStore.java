package io.k2.ingest.source;

import io.k2.ingest.event.LandedObject;
import io.k2.ingest.parse.FileRejectedException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Reads landed objects as streams and writes reports beside them. */
@Singleton
public class LandingStore {

  private final S3Client s3;
  private final ObjectRouter router;

  @Inject
  public LandingStore(S3Client s3, ObjectRouter router) {
    this.s3 = s3;
    this.router = router;
  }

  /**
   * Starts reading an object. The read is pinned to the event's version (or ETag), so an object
   * overwritten since its event is not read in place of the one the event announced.
   */
  public OpenedObject open(LandedObject object) {
    GetObjectRequest.Builder request =
        GetObjectRequest.builder().bucket(object.bucket()).key(object.key());
    if (object.versionId() != null) {
      request.versionId(object.versionId());
    } else if (object.eTag() != null) {
      request.ifMatch(object.eTag());
    }
    ResponseInputStream<GetObjectResponse> stream = s3.getObject(request.build());
    GetObjectResponse response = stream.response();
    long size = response.contentLength();
    if (size > router.maxObjectBytes()) {
      stream.abort();
      throw new FileRejectedException(router.tooLarge(size));
    }
    SourceIdentity identity =
        new SourceIdentity(
            object.bucket(), object.key(), unquote(response.eTag()), response.versionId(), size);
    Instant landedAt = response.lastModified() != null ? response.lastModified() : Instant.now();
    return new OpenedObject(
        identity,
        landedAt,
        new HashingCountingInputStream(stream),
        ObjectKeys.isGzip(object.key()));
  }

  public void putText(String bucket, String key, String contentType, String text) {
    s3.putObject(
        PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).build(),
        RequestBody.fromString(text, StandardCharsets.UTF_8));
  }

  /** S3 returns ETags in quotes; events carry them bare. */
  static String unquote(String eTag) {
    return eTag == null ? null : eTag.replace("\"", "");
  }
}
