package io.k2.ingest.commit;

import io.k2.ingest.config.K2Config.Corrections;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;

/**
 * What K2 Ingest writes into a snapshot's summary: only the identity exactly-once needs, about 130
 * bytes per object, and the snapshot's row totals, so that table metadata does not grow with
 * reports. The details (bucket, key, ETag, size, hash, rows per object) are in {@code ingest_log}.
 *
 * <p>{@code k2.objects} lists one entry per object, separated by spaces: {@code
 * keyId:versionId:sequencer:rowsId:mode}, the sequencer {@code -} when unknown, the mode {@code r}
 * when the object's rows replace every earlier row of its key, {@code a} when they are added.
 */
public final class SnapshotSummary {

  public static final String SOURCES = "k2.sources";
  public static final String OBJECTS = "k2.objects";
  public static final String ROWS = "k2.rows";
  public static final String REJECTED_ROWS = "k2.rejected-rows";

  private SnapshotSummary() {}

  /** One object of a snapshot, as its summary names it. */
  public record Entry(
      String keyId, String versionId, String sequencer, String rowsId, boolean replaces) {

    static Entry of(SourceObject source) {
      return new Entry(
          source.keyId(),
          source.id(),
          source.sequencer(),
          source.rowsId(),
          source.corrections() != Corrections.APPEND);
    }

    String text() {
      return keyId
          + ":"
          + versionId
          + ":"
          + (sequencer == null ? "-" : sequencer)
          + ":"
          + rowsId
          + ":"
          + (replaces ? "r" : "a");
    }

    static Entry parse(String text) {
      String[] parts = text.split(":");
      return new Entry(
          parts[0],
          parts[1],
          parts[2].equals("-") ? null : parts[2],
          parts[3],
          parts[4].equals("r"));
    }
  }

  static Map<String, String> of(List<SourceObject> sources) {
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put(SOURCES, Integer.toString(sources.size()));
    summary.put(OBJECTS, String.join(" ", sources.stream().map(s -> Entry.of(s).text()).toList()));
    summary.put(ROWS, Long.toString(sources.stream().mapToLong(SourceObject::rows).sum()));
    summary.put(
        REJECTED_ROWS, Long.toString(sources.stream().mapToLong(SourceObject::rejectedRows).sum()));
    return summary;
  }

  public static List<Entry> entries(Snapshot snapshot) {
    String value = snapshot.summary().get(OBJECTS);
    List<Entry> entries = new ArrayList<>();
    if (value != null && !value.isEmpty()) {
      for (String text : value.split(" ")) {
        entries.add(Entry.parse(text));
      }
    }
    return entries;
  }
}
