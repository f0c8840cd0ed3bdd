package io.k2.ingest.local;

/**
 * The AWS settings of a machine without an AWS account. Everything local (the embedded servers, the
 * test clients and the function under test) finds its credentials through the AWS SDK's default
 * provider chain, whose first link is the JVM system properties; so placeholders there make every
 * client sign its requests without touching a real account, while code stays unaware of being
 * local.
 */
public final class LocalAwsEnvironment {

  /** The region the embedded servers pretend to be in. */
  public static final String REGION = "us-east-1";

  private LocalAwsEnvironment() {}

  /**
   * Sets placeholder credentials, the region and plain-body uploads as system properties, unless
   * already set. The embedded S3 server accepts any credentials, so the values only need to exist.
   */
  public static void useDummyCredentials() {
    setIfAbsent("aws.accessKeyId", "local-access-key");
    setIfAbsent("aws.secretAccessKey", "local-secret-key");
    setIfAbsent("aws.region", REGION);
    // S3Proxy answers an aws-chunked upload before reading its trailing checksum; on a busy machine
    // the client is then still writing and the upload fails. Plain bodies avoid the race.
    setIfAbsent("aws.requestChecksumCalculation", "when_required");
  }

  private static void setIfAbsent(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }
}
