package io.k2.ingest.commit;

import io.k2.ingest.config.K2Config.Corrections;
import io.k2.ingest.event.Sequencer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;

/** Objects of one batch that name the same thing, settled before the batch is planned. */
final class BatchRepeats {

  private BatchRepeats() {}

  /**
   * Settles objects of one batch that name the same thing: the same version twice (duplicate), the
   * same rows twice when such duplicates are skipped (duplicate), or two versions of one key on a
   * route that replaces or ignores corrections (the earlier is superseded).
   */
  static List<StagedObject> withoutRepeats(
      Table table,
      boolean skipSameRows,
      List<StagedObject> group,
      Map<StagedObject, CommitResult> results,
      Map<StagedObject, StagedObject> repeats) {
    List<StagedObject> unique = new ArrayList<>();
    Map<String, StagedObject> byId = new HashMap<>();
    Map<String, StagedObject> byRows = new HashMap<>();
    Map<String, StagedObject> byKey = new HashMap<>();
    for (StagedObject staged : group) {
      SourceObject source = staged.source();
      StagedObject sameObject = byId.get(source.id());
      StagedObject sameRows = byRows.get(source.rowsId());
      StagedObject sameKey = byKey.get(source.keyId());
      if (sameObject != null) {
        AttemptFiles.discard(table, staged);
        repeats.put(staged, sameObject);
        results.put(
            staged, new CommitResult.Duplicate(null, source.sha256(), "repeated in this batch"));
      } else if (skipSameRows && sameRows != null) {
        AttemptFiles.discard(table, staged);
        repeats.put(staged, sameRows);
        results.put(
            staged,
            new CommitResult.Duplicate(
                null,
                source.sha256(),
                "same content as " + sameRows.source().uri() + " in this batch"));
      } else if (sameKey != null && source.corrections() != Corrections.APPEND) {
        StagedObject kept = later(sameKey, staged);
        StagedObject earlier = kept == staged ? sameKey : staged;
        AttemptFiles.discard(table, earlier);
        results.put(
            earlier,
            new CommitResult.Superseded(
                null, "superseded: a later version of this key is in the same batch"));
        unique.remove(earlier);
        if (!unique.contains(kept)) {
          unique.add(kept);
        }
        byKey.put(source.keyId(), kept);
        byId.put(source.id(), staged);
      } else {
        byId.put(source.id(), staged);
        byRows.putIfAbsent(source.rowsId(), staged);
        byKey.put(source.keyId(), staged);
        unique.add(staged);
      }
    }
    return unique;
  }

  // By sequencer; without one, the one delivered last in the batch.
  private static StagedObject later(StagedObject first, StagedObject second) {
    String a = first.source().sequencer();
    String b = second.source().sequencer();
    if (a != null && b != null && Sequencer.compare(a, b) > 0) {
      return first;
    }
    return second;
  }
}
