package io.k2.ingest.commit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the table holds of one key: the versions whose rows are in it (one under {@code replace},
 * possibly several under {@code append}), the versions replaced before, and the commit that last
 * changed the key.
 *
 * @param replaced the latest replaced version ids, newest last, at most {@link #REMEMBERED}
 */
public record KeyState(
    String keyId,
    List<Version> current,
    List<String> replaced,
    long snapshotId,
    long sequenceNumber) {

  static final int REMEMBERED = 32;

  /**
   * One committed version: its id, the identity of its rows, its sequencer, its bytes' hash and its
   * S3 version id or ETag (both null when known only from a snapshot summary), and the snapshot
   * that committed it.
   */
  public record Version(
      String id, String rowsId, String sequencer, String sha256, String label, long snapshotId) {

    /** How the version is named to people: its S3 version id or ETag, else its id. */
    String name() {
      return label != null ? label : id;
    }
  }

  public KeyState {
    current = List.copyOf(current);
    replaced = List.copyOf(replaced);
  }

  static KeyState empty(String keyId) {
    return new KeyState(keyId, List.of(), List.of(), -1, -1);
  }

  boolean isEmpty() {
    return current.isEmpty();
  }

  Version newest() {
    return current.get(current.size() - 1);
  }

  Optional<Version> version(String versionId) {
    return current.stream().filter(v -> v.id().equals(versionId)).findFirst();
  }

  Optional<Version> withRows(String rowsId) {
    return current.stream().filter(v -> v.rowsId().equals(rowsId)).findFirst();
  }

  boolean holdsRows(String rowsId) {
    return withRows(rowsId).isPresent();
  }

  /** The state after a commit that added {@code version}, replacing or beside the current ones. */
  KeyState after(Version version, boolean replaces, long snapshot, long sequence) {
    List<Version> nowCurrent = new ArrayList<>(replaces ? List.of() : current);
    nowCurrent.add(version);
    List<String> nowReplaced = new ArrayList<>(replaced);
    if (replaces) {
      current.forEach(v -> nowReplaced.add(v.id()));
    }
    List<String> kept =
        nowReplaced.subList(Math.max(0, nowReplaced.size() - REMEMBERED), nowReplaced.size());
    return new KeyState(keyId, nowCurrent, kept, snapshot, sequence);
  }
}
