package io.k2.ingest.local;

import java.net.URI;
import java.util.Map;

/**
 * The function's settings that point it at the embedded servers, shared by the Quarkus test
 * resource and the local runner. Only endpoints and names: credentials come from the SDK's default
 * chain (see {@link LocalAwsEnvironment}).
 */
public final class LocalFunctionConfiguration {

  /** The bucket the function accepts events from. */
  public static final String LANDING_BUCKET = "landing";

  /** The bucket holding table data and metadata. */
  public static final String WAREHOUSE_BUCKET = "warehouse";

  public static final String WAREHOUSE = "s3://" + WAREHOUSE_BUCKET + "/";

  private LocalFunctionConfiguration() {}

  /** The {@code k2.*} and {@code quarkus.s3.*} properties for servers at these addresses. */
  public static Map<String, String> forServers(URI s3Endpoint, URI catalogUri) {
    String s3 = s3Endpoint.toString();
    return Map.ofEntries(
        Map.entry("k2.catalog.type", "rest"),
        Map.entry("k2.catalog.uri", catalogUri.toString()),
        Map.entry("k2.catalog.warehouse", WAREHOUSE),
        Map.entry("k2.catalog.s3-endpoint", s3),
        Map.entry("k2.catalog.s3-path-style-access", "true"),
        Map.entry("k2.catalog.region", LocalAwsEnvironment.REGION),
        Map.entry("k2.landing.buckets", LANDING_BUCKET),
        Map.entry("quarkus.s3.endpoint-override", s3),
        Map.entry("quarkus.s3.path-style-access", "true"),
        // Bodies signed whole, never aws-chunked: see LocalClients#s3.
        Map.entry("quarkus.s3.chunked-encoding", "false"),
        Map.entry("quarkus.s3.aws.region", LocalAwsEnvironment.REGION),
        Map.entry("quarkus.s3.aws.credentials.type", "default"));
  }
}
