package io.k2.ingest.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The package rules, read from the sources: no import cycle; only commit/ commits to a table. */
class PackageRulesTest {

  private static final Path MAIN = Path.of("src/main/java/io/k2/ingest");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?io\\.k2\\.ingest\\.(\\w+)\\.");

  @Test
  void packagesImportEachOtherWithoutACycle() {
    Map<String, Set<String>> imports = imports();
    assertThat(imports).containsKeys("commit", "ingest", "history", "lambda");
    List<String> cycle = firstCycle(imports);
    assertThat(cycle).as("import cycle").isEmpty();
  }

  @Test
  void onlyTheCommitPackageCommitsToATable() {
    List<String> committing = new ArrayList<>();
    for (Path source : sources()) {
      String text = read(source);
      if (text.contains(".commit();") && !source.getParent().endsWith("commit")) {
        committing.add(MAIN.relativize(source).toString());
      }
    }
    assertThat(committing).isEmpty();
  }

  @Test
  void theLambdaPackageUsesOnlyTheServices() {
    assertThat(imports().get("lambda")).isSubsetOf("ingest", "catalog", "maintain");
  }

  @Test
  void aCycleIsFound() {
    Map<String, Set<String>> imports =
        Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
    assertThat(firstCycle(imports)).containsExactly("a", "b", "c", "a");
  }

  private static List<String> firstCycle(Map<String, Set<String>> imports) {
    for (String start : new TreeSet<>(imports.keySet())) {
      List<String> path = new ArrayList<>();
      if (visit(start, start, imports, path, new TreeSet<>())) {
        return path;
      }
    }
    return List.of();
  }

  private static boolean visit(
      String start,
      String at,
      Map<String, Set<String>> imports,
      List<String> path,
      Set<String> seen) {
    path.add(at);
    for (String next : new TreeSet<>(imports.getOrDefault(at, Set.of()))) {
      if (next.equals(start)) {
        path.add(next);
        return true;
      }
      if (seen.add(next) && visit(start, next, imports, path, seen)) {
        return true;
      }
    }
    path.remove(path.size() - 1);
    return false;
  }

  private static Map<String, Set<String>> imports() {
    Map<String, Set<String>> imports = new TreeMap<>();
    for (Path source : sources()) {
      String pkg = MAIN.relativize(source).getName(0).toString();
      Set<String> used = imports.computeIfAbsent(pkg, p -> new TreeSet<>());
      for (String line : read(source).split("\n")) {
        Matcher m = IMPORT.matcher(line);
        if (m.find() && !m.group(1).equals(pkg)) {
          used.add(m.group(1));
        }
      }
    }
    return imports;
  }

  private static List<Path> sources() {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path source) {
    try {
      return Files.readString(source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
