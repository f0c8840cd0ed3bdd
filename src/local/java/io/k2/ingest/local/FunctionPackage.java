package io.k2.ingest.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The packaged function as the build leaves it (Quarkus legacy-jar layout): {@code
 * <name>-runner.jar} and the libraries its manifest names under {@code lib/}. {@code function.zip}
 * holds the same files: the runner jar's content at its root and the same {@code lib/} folder,
 * which is the class path the Lambda Java runtime builds from {@code /var/task}.
 *
 * @param runnerJar the application jar
 * @param libraries the jars named by the runner jar's {@code Class-Path}, in that order
 */
public record FunctionPackage(Path runnerJar, List<Path> libraries) {

  public FunctionPackage {
    libraries = List.copyOf(libraries);
  }

  /** Finds the one {@code *-runner.jar} in a build's output folder, e.g. {@code target}. */
  public static FunctionPackage inBuildOutput(Path targetDir) {
    List<Path> runners;
    try (Stream<Path> files = Files.list(targetDir)) {
      runners = files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).toList();
    } catch (IOException e) {
      throw new IllegalStateException(
          "No build output in " + targetDir.toAbsolutePath() + "; run ./mvnw package first", e);
    }
    if (runners.size() != 1) {
      throw new IllegalStateException(
          "Expected one *-runner.jar in "
              + targetDir.toAbsolutePath()
              + ", found "
              + runners
              + "; run ./mvnw package (legacy-jar) first");
    }
    return of(runners.get(0));
  }

  /** The runner jar and the libraries named in its manifest, each of which must exist. */
  public static FunctionPackage of(Path runnerJar) {
    List<Path> libraries = new ArrayList<>();
    for (String entry : manifestClassPath(runnerJar)) {
      Path library = runnerJar.resolveSibling(entry);
      if (!Files.isRegularFile(library)) {
        throw new IllegalStateException(runnerJar + " needs " + library + ", which is missing");
      }
      libraries.add(library);
    }
    return new FunctionPackage(runnerJar, libraries);
  }

  /** The class path: the runner jar first, as /var/task comes first in Lambda. */
  public URL[] classPath() {
    List<URL> urls = new ArrayList<>();
    urls.add(toUrl(runnerJar));
    libraries.forEach(library -> urls.add(toUrl(library)));
    return urls.toArray(URL[]::new);
  }

  private static List<String> manifestClassPath(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String classPath =
          manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      return classPath == null ? List.of() : List.of(classPath.trim().split("\\s+"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the manifest of " + jar, e);
    }
  }

  private static URL toUrl(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("Not a usable path: " + path, e);
    }
  }
}
