package io.k2.ingest.commit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.Snapshot;

/**
 * The keys K2 Ingest writes into a snapshot's summary: which landed objects the snapshot added,
 * with their identity, content hash and row counts. A snapshot may carry several objects (indexed
 * {@code k2.source.0.*}, {@code k2.source.1.*}, ...); {@code k2.source-ids} and {@code
 * k2.source-sha256} list them all for quick matching.
 */
public final class SnapshotSummary {

  public static final String SOURCES = "k2.sources";
  public static final String SOURCE_IDS = "k2.source-ids";
  public static final String SOURCE_SHA256 = "k2.source-sha256";
  public static final String ROWS = "k2.rows";
  public static final String REJECTED_ROWS = "k2.rejected-rows";

  private SnapshotSummary() {}

  static Map<String, String> of(List<SourceObject> sources) {
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put(SOURCES, Integer.toString(sources.size()));
    summary.put(SOURCE_IDS, String.join(" ", sources.stream().map(SourceObject::id).toList()));
    summary.put(
        SOURCE_SHA256, String.join(" ", sources.stream().map(SourceObject::sha256).toList()));
    summary.put(ROWS, Long.toString(sources.stream().mapToLong(SourceObject::rows).sum()));
    summary.put(
        REJECTED_ROWS, Long.toString(sources.stream().mapToLong(SourceObject::rejectedRows).sum()));
    for (int i = 0; i < sources.size(); i++) {
      SourceObject source = sources.get(i);
      String prefix = "k2.source." + i + ".";
      summary.put(prefix + "bucket", source.identity().bucket());
      summary.put(prefix + "key", source.identity().key());
      if (source.identity().eTag() != null) {
        summary.put(prefix + "etag", source.identity().eTag());
      }
      if (source.identity().versionId() != null) {
        summary.put(prefix + "version-id", source.identity().versionId());
      }
      summary.put(prefix + "size", Long.toString(source.identity().size()));
      summary.put(prefix + "sha256", source.sha256());
      summary.put(prefix + "rows", Long.toString(source.rows()));
      summary.put(prefix + "rejected-rows", Long.toString(source.rejectedRows()));
    }
    return summary;
  }

  /** A snapshot that holds an object, and the SHA-256 of the content it holds for it. */
  public record Holder(Snapshot snapshot, String sha256) {}

  /** {@code snapshot} as the holder of object {@code sourceId} or of content {@code sha256}. */
  static Optional<Holder> holder(Snapshot snapshot, String sourceId, String sha256) {
    List<String> ids = list(snapshot.summary().get(SOURCE_IDS));
    List<String> hashes = list(snapshot.summary().get(SOURCE_SHA256));
    int index = sourceId == null ? -1 : ids.indexOf(sourceId);
    if (index >= 0) {
      return Optional.of(new Holder(snapshot, index < hashes.size() ? hashes.get(index) : null));
    }
    if (sha256 != null && hashes.contains(sha256)) {
      return Optional.of(new Holder(snapshot, sha256));
    }
    return Optional.empty();
  }

  static Set<String> sourceIds(Snapshot snapshot) {
    return words(snapshot.summary().get(SOURCE_IDS));
  }

  static Set<String> contentHashes(Snapshot snapshot) {
    return words(snapshot.summary().get(SOURCE_SHA256));
  }

  private static List<String> list(String value) {
    return value == null || value.isEmpty() ? List.of() : Arrays.asList(value.split(" "));
  }

  private static Set<String> words(String value) {
    return value == null || value.isEmpty()
        ? Set.of()
        : Set.copyOf(Arrays.asList(value.split(" ")));
  }
}
