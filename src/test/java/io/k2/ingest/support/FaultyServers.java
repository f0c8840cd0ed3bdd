package io.k2.ingest.support;

/**
 * The embedded servers of a {@link FaultInjectionResource} and the proxies the function reaches
 * them through. Tests arm faults on the proxies and check results on the servers directly.
 *
 * @param direct the S3 server and REST catalog themselves, for the test's own clients
 * @param s3 the proxy in front of the S3 server (the function's S3 client and S3FileIO)
 * @param catalog the proxy in front of the REST catalog (the function's catalog client)
 */
public record FaultyServers(EmbeddedServers direct, FaultyProxy s3, FaultyProxy catalog) {

  /** Disarms every fault on both proxies. */
  public void clearFaults() {
    s3.clearFaults();
    catalog.clearFaults();
  }
}
