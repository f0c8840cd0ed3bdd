package io.k2.ingest.catalog;

import io.k2.ingest.config.K2Config;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Checks, before any table is touched, that the warehouse can be written and the landing buckets
 * read, so that a wrong bucket name or a missing permission fails the init function at once with
 * the bucket named, rather than the first ingest with an obscure error.
 */
@ApplicationScoped
public class StorageCheck {

  static final String PROBE_KEY = "_k2/init-probe";

  private final S3Client s3;
  private final String warehouse;
  private final List<String> landingBuckets;

  @Inject
  public StorageCheck(S3Client s3, K2Config config) {
    this.s3 = s3;
    this.warehouse = config.catalog().warehouse();
    this.landingBuckets = config.landing().buckets();
  }

  /**
   * @throws StorageUnavailableException naming the location that failed and why
   */
  public void verify() {
    // A REST catalog may take a warehouse name instead of a location; only S3 locations are probed.
    if (warehouse.startsWith("s3://") || warehouse.startsWith("s3a://")) {
      URI location = URI.create(warehouse);
      String bucket = location.getHost();
      String prefix = location.getPath().replaceFirst("^/", "");
      String key = (prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/") + PROBE_KEY;
      try {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("ok"));
        s3.deleteObject(b -> b.bucket(bucket).key(key));
      } catch (SdkException e) {
        throw new StorageUnavailableException(
            "warehouse " + warehouse + " is not writable: " + e.getMessage(), e);
      }
    }
    for (String bucket : landingBuckets) {
      try {
        s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1));
      } catch (SdkException e) {
        throw new StorageUnavailableException(
            "landing bucket " + bucket + " is not readable: " + e.getMessage(), e);
      }
    }
  }
}
