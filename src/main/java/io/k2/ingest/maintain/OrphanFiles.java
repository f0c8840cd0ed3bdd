package io.k2.ingest.maintain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.PartitionStatisticsFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StatisticsFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsBulkOperations;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * Finds and deletes files under a table's location that no retained snapshot or metadata file
 * references and that are older than a safety window.
 *
 * <p>The window is what keeps ingest safe: an ingest writes its data files before it commits them,
 * so for a while a file that is about to be committed is referenced by nothing. Only files older
 * than the window (days, against an ingest that commits within minutes) are candidates. The listing
 * comes first and the references are read after it, from freshly loaded metadata, so a file
 * committed while the listing ran is seen as referenced.
 */
final class OrphanFiles {

  /** What one pass found: files and bytes deleted. */
  record Removed(int files, long bytes) {}

  private OrphanFiles() {}

  static Removed remove(Table table, long olderThanMillis) {
    if (!(table.io() instanceof SupportsPrefixOperations listing)) {
      throw new IllegalStateException(
          "The table's FileIO (" + table.io().getClass().getName() + ") cannot list files");
    }
    String root = table.location().endsWith("/") ? table.location() : table.location() + "/";
    List<FileInfo> old = new ArrayList<>();
    for (FileInfo file : listing.listPrefix(root)) {
      if (file.createdAtMillis() < olderThanMillis) {
        old.add(file);
      }
    }
    if (old.isEmpty()) {
      return new Removed(0, 0);
    }
    table.refresh();
    Set<String> referenced = referenced(table);
    List<String> orphans = new ArrayList<>();
    long bytes = 0;
    for (FileInfo file : old) {
      if (!referenced.contains(key(file.location()))) {
        orphans.add(file.location());
        bytes += file.size();
      }
    }
    delete(table.io(), orphans);
    return new Removed(orphans.size(), bytes);
  }

  /** Every file the table's metadata reaches: metadata files, manifest lists, manifests, data. */
  static Set<String> referenced(Table table) {
    FileIO io = table.io();
    Set<String> paths = new HashSet<>();
    if (table instanceof HasTableOperations ops) {
      TableMetadata metadata = ops.operations().current();
      paths.add(key(metadata.metadataFileLocation()));
      metadata.previousFiles().forEach(entry -> paths.add(key(entry.file())));
    }
    table.statisticsFiles().stream().map(StatisticsFile::path).forEach(p -> paths.add(key(p)));
    table.partitionStatisticsFiles().stream()
        .map(PartitionStatisticsFile::path)
        .forEach(p -> paths.add(key(p)));
    Map<Integer, PartitionSpec> specs = table.specs();
    Set<String> manifestsRead = new HashSet<>();
    for (Snapshot snapshot : table.snapshots()) {
      if (snapshot.manifestListLocation() != null) {
        paths.add(key(snapshot.manifestListLocation()));
      }
      for (ManifestFile manifest : snapshot.allManifests(io)) {
        if (!manifestsRead.add(manifest.path())) {
          continue;
        }
        paths.add(key(manifest.path()));
        switch (manifest.content()) {
          case DATA -> addFiles(ManifestFiles.read(manifest, io, specs), paths);
          case DELETES -> addFiles(ManifestFiles.readDeleteManifest(manifest, io, specs), paths);
        }
      }
    }
    return paths;
  }

  private static <F extends ContentFile<F>> void addFiles(
      ManifestReader<F> reader, Set<String> paths) {
    try (reader) {
      for (F file : reader) {
        paths.add(key(file.location()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Reading a manifest failed", e);
    }
  }

  private static void delete(FileIO io, List<String> orphans) {
    if (orphans.isEmpty()) {
      return;
    }
    if (io instanceof SupportsBulkOperations bulk) {
      bulk.deleteFiles(orphans);
    } else {
      orphans.forEach(io::deleteFile);
    }
  }

  /** The same object whatever scheme names it ({@code s3://}, {@code s3a://}). */
  static String key(String location) {
    int scheme = location.indexOf("://");
    return scheme < 0 ? location : location.substring(scheme + 3);
  }
}
