package io.k2.ingest.commit;

import io.k2.ingest.config.K2Config;
import io.k2.ingest.source.SourceIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.apache.iceberg.Table;

/**
 * The exactly-once decision before a commit: is this object version, or (when such duplicates are
 * skipped) this content, already in the table? Checked before reading, to save the work, and after
 * hashing; the commit itself checks again against the history it commits onto.
 */
@ApplicationScoped
public class DuplicateCheck {

  private final boolean skipSameContent;

  @Inject
  public DuplicateCheck(K2Config config) {
    this.skipSameContent = config.duplicates().skipSameContent();
  }

  /** The snapshot holding this very object version, if any. */
  public Optional<CommitResult.Duplicate> ofVersion(Table table, SourceIdentity identity) {
    return CommittedObjects.withId(table, SourceObject.idOf(identity))
        .map(holder -> CommitResult.Duplicate.in(holder, "already committed"));
  }

  /** The snapshot holding the same content under another key, when such duplicates are skipped. */
  public Optional<CommitResult.Duplicate> ofContent(Table table, String sha256) {
    if (!skipSameContent) {
      return Optional.empty();
    }
    return CommittedObjects.withContent(table, sha256)
        .map(holder -> CommitResult.Duplicate.in(holder, "same content already committed"));
  }

  boolean skipsSameContent() {
    return skipSameContent;
  }
}
