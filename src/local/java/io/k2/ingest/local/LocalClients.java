package io.k2.ingest.local;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.rest.RESTCatalog;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Clients of the embedded servers, built the way the function builds its own: default credentials
 * chain, path-style S3 addressing, and the URL-connection HTTP client (the only one on the class
 * path, see STACK.md).
 */
public final class LocalClients {

  /**
   * The name these clients go by: their S3 access key and the value of their {@link #CALLER_HEADER}
   * to the catalog, so that a server's request log tells them from the function.
   */
  public static final String OBSERVER = "k2-observer";

  /** The header that names the caller of the REST catalog. */
  public static final String CALLER_HEADER = "X-K2-Caller";

  private LocalClients() {}

  /** An S3 client for the server at {@code endpoint}. */
  public static S3Client s3(URI endpoint) {
    LocalAwsEnvironment.useDummyCredentials();
    return S3Client.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        // Over plain HTTP the SDK streams uploads as aws-chunked, signed chunk by chunk. S3Proxy
        // answers once it holds the declared bytes, before the last chunk: a busy client is then
        // still writing into a closed connection. A body signed whole avoids the race.
        .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
        .region(Region.of(LocalAwsEnvironment.REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(OBSERVER, "local-secret-key")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** A REST catalog client whose FileIO reads and writes table files on the S3 server. */
  public static RESTCatalog restCatalog(URI catalogUri, URI s3Endpoint) {
    LocalAwsEnvironment.useDummyCredentials();
    RESTCatalog catalog = new RESTCatalog();
    Map<String, String> properties = new HashMap<>(restCatalogProperties(catalogUri, s3Endpoint));
    properties.put("header." + CALLER_HEADER, OBSERVER);
    properties.put("s3.access-key-id", OBSERVER);
    properties.put("s3.secret-access-key", "local-secret-key");
    catalog.initialize("local", properties);
    return catalog;
  }

  /** The client properties behind {@link #restCatalog}: what any Iceberg engine would need. */
  public static Map<String, String> restCatalogProperties(URI catalogUri, URI s3Endpoint) {
    return Map.ofEntries(
        Map.entry(CatalogProperties.URI, catalogUri.toString()),
        Map.entry(CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.aws.s3.S3FileIO"),
        Map.entry("s3.endpoint", s3Endpoint.toString()),
        Map.entry("s3.path-style-access", "true"),
        Map.entry("s3.chunked-encoding-enabled", "false"),
        Map.entry("client.region", LocalAwsEnvironment.REGION),
        Map.entry("http-client.type", "urlconnection"));
  }
}
