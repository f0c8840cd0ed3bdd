package io.k2.ingest.commit;

import io.k2.ingest.write.WrittenFiles;

/**
 * A landed object whose rows are written as data files, not yet committed: the unit the table
 * committer takes and answers for. Compared by identity, so two deliveries of the same object in
 * one batch stay two staged objects with a result each.
 */
public final class StagedObject {

  private final SourceObject source;
  private final WrittenFiles files;

  public StagedObject(SourceObject source, WrittenFiles files) {
    this.source = source;
    this.files = files;
  }

  public SourceObject source() {
    return source;
  }

  public WrittenFiles files() {
    return files;
  }
}
