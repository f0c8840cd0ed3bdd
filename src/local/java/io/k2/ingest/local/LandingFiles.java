package io.k2.ingest.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Finds the data files under a folder and the S3 keys they land under. */
public final class LandingFiles {

  private static final List<String> DATA_SUFFIXES = List.of(".csv", ".csv.gz", ".txt", ".txt.gz");

  /**
   * One file to land.
   *
   * @param file where it is on disk
   * @param key its S3 key: the prefix and its path under the folder, with {@code /} separators
   * @param size its length in bytes
   */
  public record LandedFile(Path file, String key, long size) {

    /** Reference data must be in place before the files that refer to it. */
    public boolean isReferenceData() {
      return key.startsWith("reference-data/") || key.contains("/reference-data/");
    }
  }

  private LandingFiles() {}

  /** The data files under {@code root}: reference data first, then by key. */
  public static List<LandedFile> discover(Path root, String keyPrefix) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("Not a folder: " + root.toAbsolutePath());
    }
    // Follows symbolic links: vendor folders are often links to a shared drive.
    try (Stream<Path> paths = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
      return paths
          .filter(Files::isRegularFile)
          .map(root::relativize)
          .filter(LandingFiles::isLandable)
          .map(relative -> landed(root, relative, keyPrefix))
          .sorted(
              Comparator.comparing((LandedFile f) -> !f.isReferenceData())
                  .thenComparing(LandedFile::key))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + root, e);
    }
  }

  /** How many regular files under {@code root} are not landable, with one example. */
  public static String skipped(Path root) {
    try (Stream<Path> paths = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
      List<Path> others =
          paths
              .filter(Files::isRegularFile)
              .map(root::relativize)
              .filter(p -> !isLandable(p))
              .toList();
      return others.isEmpty()
          ? "it holds no files at all"
          : others.size() + " other file(s) skipped, e.g. " + others.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + root, e);
    }
  }

  /** A data file by its name, in no hidden folder: {@code .git/x.csv} is not data. */
  static boolean isLandable(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return false;
      }
    }
    String name = relative.getFileName().toString().toLowerCase(Locale.ROOT);
    return DATA_SUFFIXES.stream().anyMatch(name::endsWith);
  }

  private static LandedFile landed(Path root, Path relative, String keyPrefix) {
    StringBuilder key = new StringBuilder(keyPrefix);
    for (Path part : relative) {
      if (!key.isEmpty() && key.charAt(key.length() - 1) != '/') {
        key.append('/');
      }
      key.append(part);
    }
    Path file = root.resolve(relative);
    try {
      return new LandedFile(file, key.toString(), Files.size(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
