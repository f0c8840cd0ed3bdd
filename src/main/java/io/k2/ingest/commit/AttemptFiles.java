package io.k2.ingest.commit;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.jboss.logging.Logger;

/**
 * The data files of staging attempts. Every attempt writes files named for it ({@code
 * 00000-0-<version id>-<attempt>-<n>.parquet}), so deleting an attempt's files never touches
 * another attempt's, committed or not.
 */
public final class AttemptFiles {

  private static final Logger LOG = Logger.getLogger(AttemptFiles.class);

  private AttemptFiles() {}

  /**
   * Deletes the files of an object that will not be committed. Every attempt writes files of its
   * own name, so these are never files a committed snapshot references.
   */
  public static void discard(Table table, StagedObject staged) {
    deleteAll(table, staged.files().dataFiles());
  }

  static void deleteAll(Table table, List<DataFile> files) {
    files.forEach(file -> table.io().deleteFile(file.location()));
  }

  /**
   * Deletes the files earlier attempts at the same object version left behind (an attempt whose
   * commit outcome was unknown keeps its files). Safe once this attempt committed the version: an
   * earlier attempt's commit was built on an older snapshot, so the catalog can no longer accept
   * it, and had it been accepted this attempt would have found the version committed.
   */
  static void sweepEarlierAttempts(Table table, StagedObject staged) {
    if (!(table.io() instanceof SupportsPrefixOperations io)) {
      return;
    }
    Set<String> own = new HashSet<>();
    Set<String> directories = new HashSet<>();
    for (DataFile file : staged.files().dataFiles()) {
      own.add(file.location());
      directories.add(file.location().substring(0, file.location().lastIndexOf('/') + 1));
    }
    try {
      for (String directory : directories) {
        for (FileInfo file : io.listPrefix(directory + "00000-0-" + staged.source().id() + "-")) {
          if (!own.contains(file.location())) {
            table.io().deleteFile(file.location());
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warnf(e, "Files of earlier attempts at %s left to orphan removal", staged.source().uri());
    }
  }
}
