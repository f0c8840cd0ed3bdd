package io.k2.ingest.support;

import io.k2.ingest.local.LocalClients;
import java.net.URI;
import org.apache.iceberg.rest.RESTCatalog;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where a test's embedded servers listen, with clients to check what the function did. Both clients
 * must be closed by the caller.
 *
 * @param s3Endpoint the S3 server, path-style
 * @param catalogUri the Iceberg REST catalog
 */
public record EmbeddedServers(URI s3Endpoint, URI catalogUri) {

  /** An S3 client of the embedded server, e.g. to land objects or read rejection reports. */
  public S3Client s3Client() {
    return LocalClients.s3(s3Endpoint);
  }

  /** A REST catalog client whose FileIO reads table files from the embedded S3 server. */
  public RESTCatalog restCatalog() {
    return LocalClients.restCatalog(catalogUri, s3Endpoint);
  }
}
