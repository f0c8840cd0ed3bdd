package io.k2.ingest.event;

/**
 * An object an event says has landed. {@code eTag}, {@code versionId} and {@code size} are null
 * when the event does not carry them.
 */
public record LandedObject(String bucket, String key, String eTag, String versionId, Long size) {

  /** The object as {@code s3://bucket/key}, the form stored in every row's {@code source_file}. */
  public String uri() {
    return "s3://" + bucket + "/" + key;
  }
}
