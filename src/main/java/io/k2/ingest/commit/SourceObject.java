package io.k2.ingest.commit;

import io.k2.ingest.source.SourceIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A landed object as the commit records it: its identity, the SHA-256 of its content and its row
 * counts. {@link #id()} names the object version: the same version landed again has the same id.
 */
public record SourceObject(SourceIdentity identity, String sha256, long rows, long rejectedRows) {

  public String id() {
    return idOf(identity);
  }

  /**
   * A stable id for an object version: bucket, key and the version id (or, in unversioned buckets,
   * the ETag and size). Also used to name the object's data files.
   */
  public static String idOf(SourceIdentity identity) {
    String version =
        identity.versionId() != null
            ? "v:" + identity.versionId()
            : "e:" + identity.eTag() + ":" + identity.size();
    return sha256(identity.bucket() + "\n" + identity.key() + "\n" + version).substring(0, 32);
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }
}
