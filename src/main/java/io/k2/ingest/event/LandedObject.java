package io.k2.ingest.event;

/**
 * An object an event says has landed. {@code eTag}, {@code versionId}, {@code size} and {@code
 * sequencer} are null when the event does not carry them. The sequencer is S3's order of the writes
 * to one key: of two events for the same key, the greater sequencer is the later write.
 */
public record LandedObject(
    String bucket, String key, String eTag, String versionId, Long size, String sequencer) {

  public LandedObject(String bucket, String key, String eTag, String versionId, Long size) {
    this(bucket, key, eTag, versionId, size, null);
  }

  /** The object as {@code s3://bucket/key}, the form stored in every row's {@code source_file}. */
  public String uri() {
    return "s3://" + bucket + "/" + key;
  }
}
