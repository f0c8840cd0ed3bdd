package io.k2.ingest.source;

/**
 * The identity of the object version actually read: what the store reported when the read began.
 * The {@code sha256} of its bytes is known only once the whole object has been read.
 */
public record SourceIdentity(String bucket, String key, String eTag, String versionId, long size) {}
