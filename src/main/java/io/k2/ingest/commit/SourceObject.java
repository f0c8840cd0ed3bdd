package io.k2.ingest.commit;

import io.k2.ingest.config.K2Config.Corrections;
import io.k2.ingest.source.SourceIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A landed object as the commit records it: the version read, the SHA-256 of its bytes, its row
 * counts, the identity of its rows, its place in the key's order of writes and what a new version
 * of its key does.
 *
 * @param rowsId what determines the rows: table, layout, what the key contributes (the ASX company)
 *     and the bytes; two objects with the same rows id load the same rows
 * @param sequencer S3's sequencer of the write, or null when the event carried none
 */
public record SourceObject(
    SourceIdentity identity,
    String sha256,
    long rows,
    long rejectedRows,
    String rowsId,
    String sequencer,
    Corrections corrections) {

  /** An object whose rows are identified by its bytes alone, with no sequencer. */
  public SourceObject(SourceIdentity identity, String sha256, long rows, long rejectedRows) {
    this(identity, sha256, rows, rejectedRows, sha256, null, Corrections.REPLACE);
  }

  /** The object version: the same version landed again has the same id. */
  public String id() {
    return idOf(identity);
  }

  /** The key (bucket and key), whatever the version: what a correction replaces. */
  public String keyId() {
    return keyIdOf(identity.bucket(), identity.key());
  }

  /** The object as {@code s3://bucket/key}, the value of its rows' {@code source_file}. */
  public String uri() {
    return "s3://" + identity.bucket() + "/" + identity.key();
  }

  /**
   * A stable id for an object version: bucket, key and the version id (or, in unversioned buckets,
   * the ETag and size).
   */
  public static String idOf(SourceIdentity identity) {
    String version =
        identity.versionId() != null
            ? "v:" + identity.versionId()
            : "e:" + identity.eTag() + ":" + identity.size();
    return hash(identity.bucket() + "\n" + identity.key() + "\n" + version);
  }

  public static String keyIdOf(String bucket, String key) {
    return hash(bucket + "\n" + key);
  }

  /**
   * The identity of the rows an object loads: the table, the layout, what the key contributes
   * ({@code keyPart}: the ASX company id, null for layouts where every column comes from the
   * content) and the SHA-256 of the bytes.
   */
  public static String rowsIdOf(String table, String layout, String keyPart, String sha256) {
    return hash(table + "\n" + layout + "\n" + (keyPart == null ? "" : keyPart) + "\n" + sha256);
  }

  private static String hash(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }
}
