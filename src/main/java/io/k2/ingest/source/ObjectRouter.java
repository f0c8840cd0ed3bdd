package io.k2.ingest.source;

import io.k2.ingest.config.K2Config;
import io.k2.ingest.event.LandedObject;
import io.k2.ingest.parse.FileRejectedException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Decides whether an object may be ingested and, if so, into which table and with which layout.
 * Refusals are permanent: the same object always gets the same answer.
 */
@Singleton
public class ObjectRouter {

  private final List<Route> routes;
  private final Set<String> buckets;
  private final long maxObjectBytes;

  @Inject
  public ObjectRouter(K2Config config) {
    // Longest prefix first, so that "asx/trades/" wins over a catch-all "asx/".
    this.routes =
        config.routes().stream()
            .map(r -> new Route(r.prefix(), r.table(), r.layout(), r.corrections()))
            .sorted(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed())
            .toList();
    this.buckets = Set.copyOf(config.landing().buckets());
    this.maxObjectBytes = config.landing().maxObjectBytes();
  }

  /**
   * The route for an object.
   *
   * @throws FileRejectedException when the bucket is not a landing bucket, the key is unsafe or
   *     under no route, or the object is larger than allowed
   */
  public Route route(LandedObject object) {
    if (!isLandingBucket(object.bucket())) {
      throw new FileRejectedException(
          "bucket '" + object.bucket() + "' is not a configured landing bucket");
    }
    String problem = ObjectKeys.problem(object.key());
    if (problem != null) {
      throw new FileRejectedException("object key is not accepted: " + problem);
    }
    if (object.size() != null && object.size() > maxObjectBytes) {
      throw new FileRejectedException(tooLarge(object.size()));
    }
    return routes.stream()
        .filter(r -> object.key().startsWith(r.prefix()))
        .findFirst()
        .orElseThrow(
            () ->
                new FileRejectedException(
                    "no route for key '"
                        + object.key()
                        + "': expected one of the prefixes "
                        + routes.stream().map(Route::prefix).toList()));
  }

  /** Whether the function may read from, and write reports to, this bucket. */
  public boolean isLandingBucket(String bucket) {
    return buckets.contains(bucket);
  }

  public long maxObjectBytes() {
    return maxObjectBytes;
  }

  String tooLarge(long size) {
    return "object is " + size + " bytes, over the limit of " + maxObjectBytes + " bytes";
  }
}
