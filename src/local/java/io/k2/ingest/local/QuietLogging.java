package io.k2.ingest.local;

import java.util.List;
import java.util.logging.Level;

/**
 * Keeps chatty libraries at warnings, so a run's own output stays readable. Levels are set on the
 * JBoss LogManager, which the SLF4J binding on the test class path writes to whether or not it is
 * also the JDK's {@code java.util.logging} manager (under {@code exec:java} it is not).
 */
final class QuietLogging {

  private static final List<String> SERVERS =
      List.of(
          "org.gaul", "org.eclipse.jetty", "org.apache.iceberg.rest", "org.apache.iceberg.jdbc");

  /** What the runner's own catalog and S3 clients log at INFO: every refresh, scan and commit. */
  private static final List<String> CLIENTS = List.of("org.apache.iceberg", "org.apache.hadoop");

  private QuietLogging() {}

  /** The embedded S3 and REST catalog servers. */
  static void servers() {
    warningsOnly(SERVERS);
  }

  /** Iceberg and Hadoop clients in this class loader (not inside the function under test). */
  static void clients() {
    warningsOnly(CLIENTS);
  }

  private static void warningsOnly(List<String> categories) {
    // The log context keeps its loggers and their levels for good (java.util.logging would not).
    categories.forEach(name -> org.jboss.logmanager.Logger.getLogger(name).setLevel(Level.WARNING));
  }
}
