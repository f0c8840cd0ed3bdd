package io.k2.ingest.local;

import java.net.URI;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.rest.RESTCatalog;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Clients of the embedded servers, built the way the function builds its own: default credentials
 * chain, path-style S3 addressing, and the URL-connection HTTP client (the only one on the class
 * path, see STACK.md).
 */
public final class LocalClients {

  private LocalClients() {}

  /** An S3 client for the server at {@code endpoint}. */
  public static S3Client s3(URI endpoint) {
    LocalAwsEnvironment.useDummyCredentials();
    return S3Client.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.of(LocalAwsEnvironment.REGION))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** A REST catalog client whose FileIO reads and writes table files on the S3 server. */
  public static RESTCatalog restCatalog(URI catalogUri, URI s3Endpoint) {
    LocalAwsEnvironment.useDummyCredentials();
    RESTCatalog catalog = new RESTCatalog();
    catalog.initialize("local", restCatalogProperties(catalogUri, s3Endpoint));
    return catalog;
  }

  /** The client properties behind {@link #restCatalog}: what any Iceberg engine would need. */
  public static Map<String, String> restCatalogProperties(URI catalogUri, URI s3Endpoint) {
    return Map.ofEntries(
        Map.entry(CatalogProperties.URI, catalogUri.toString()),
        Map.entry(CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.aws.s3.S3FileIO"),
        Map.entry("s3.endpoint", s3Endpoint.toString()),
        Map.entry("s3.path-style-access", "true"),
        Map.entry("client.region", LocalAwsEnvironment.REGION),
        Map.entry("http-client.type", "urlconnection"));
  }
}
