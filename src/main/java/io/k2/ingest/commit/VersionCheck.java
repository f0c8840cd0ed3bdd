package io.k2.ingest.commit;

import io.k2.ingest.config.K2Config;
import io.k2.ingest.config.K2Config.Corrections;
import io.k2.ingest.event.Sequencer;
import io.k2.ingest.source.SourceIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.apache.iceberg.Table;

/**
 * The exactly-once and correction decision for one object version: a duplicate (this version, or
 * these rows under another key, are in the table), superseded (a later version of the key is),
 * ignored (the route keeps the first version), or rows to add, replacing the key's rows or beside
 * them. Made before reading, to save the work, and again when committing, against the table as it
 * is then; the commit validates that the key did not change in between.
 */
@ApplicationScoped
public class VersionCheck {

  private final KeyHistory history;
  private final boolean skipSameRows;

  @Inject
  public VersionCheck(KeyHistory history, K2Config config) {
    this(history, config.duplicates().skipSameContent());
  }

  VersionCheck(KeyHistory history, boolean skipSameRows) {
    this.history = history;
    this.skipSameRows = skipSameRows;
  }

  /** What to do with an object: a final result, or its rows to add. */
  sealed interface Decision {}

  /** Add the object's rows; {@code replaces} when they replace the key's {@code state}. */
  record Add(KeyState state, boolean replaces) implements Decision {}

  /** Nothing to add. */
  record Final(CommitResult result) implements Decision {}

  /** The decision that needs no content: taken before the object is read. */
  public Optional<CommitResult> beforeReading(
      Table table, SourceIdentity identity, String sequencer, Corrections corrections) {
    String keyId = SourceObject.keyIdOf(identity.bucket(), identity.key());
    KeyState state = history.stateOf(table, keyId);
    Decision decision = byVersion(state, SourceObject.idOf(identity), sequencer, corrections);
    return decision instanceof Final f ? Optional.of(f.result()) : Optional.empty();
  }

  /** The full decision for a staged object, against the table as it is now. */
  Decision decide(Table table, SourceObject source) {
    KeyState state = history.stateOf(table, source.keyId());
    Decision decision = byVersion(state, source.id(), source.sequencer(), source.corrections());
    if (decision instanceof Final) {
      return decision;
    }
    // The same bytes as the key's current version, under a new version id: nothing changes.
    Optional<KeyState.Version> sameRows = state.withRows(source.rowsId());
    if (sameRows.isPresent()) {
      return duplicate(
          sameRows.get().snapshotId(), source.sha256(), "same content already committed");
    }
    if (skipSameRows && state.isEmpty()) {
      Optional<KeyState> holder = history.holderOfRows(table, source.rowsId());
      if (holder.isPresent()) {
        long snapshot = holder.get().withRows(source.rowsId()).orElseThrow().snapshotId();
        return duplicate(snapshot, source.sha256(), "same content already committed");
      }
    }
    return decision;
  }

  boolean skipsSameRows() {
    return skipSameRows;
  }

  private static Decision byVersion(
      KeyState state, String versionId, String sequencer, Corrections corrections) {
    if (state.isEmpty()) {
      return new Add(state, false);
    }
    Optional<KeyState.Version> same = state.version(versionId);
    if (same.isPresent()) {
      KeyState.Version version = same.get();
      return duplicate(version.snapshotId(), version.sha256(), "already committed");
    }
    KeyState.Version newest = state.newest();
    return switch (corrections) {
      case APPEND -> new Add(state, false);
      case IGNORE ->
          new Final(
              new CommitResult.Ignored(
                  newest.snapshotId(),
                  "a version of this key is committed in snapshot "
                      + newest.snapshotId()
                      + "; corrections are ignored on this route"));
      case REPLACE -> {
        boolean replacedBefore = state.replaced().contains(versionId);
        boolean older =
            sequencer != null
                && newest.sequencer() != null
                && Sequencer.compare(sequencer, newest.sequencer()) < 0;
        yield replacedBefore || older
            ? new Final(
                new CommitResult.Superseded(
                    newest.snapshotId(),
                    "superseded: a later version of this key is committed in snapshot "
                        + newest.snapshotId()))
            : new Add(state, true);
      }
    };
  }

  private static Final duplicate(long snapshotId, String sha256, String why) {
    return new Final(
        new CommitResult.Duplicate(snapshotId, sha256, why + " in snapshot " + snapshotId));
  }
}
