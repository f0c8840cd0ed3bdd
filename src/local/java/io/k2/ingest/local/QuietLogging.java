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

  /** Iceberg and Hadoop log every catalog load, refresh, scan and commit at INFO. */
  private static final List<String> ICEBERG = List.of("org.apache.iceberg", "org.apache.hadoop");

  private QuietLogging() {}

  /** The embedded S3 and REST catalog servers. */
  static void servers() {
    warningsOnly(SERVERS);
  }

  /**
   * All of Iceberg and Hadoop in this class loader: the REST catalog's JDBC backend and the
   * runner's own clients. Only for the local runner, whose function logs apart in its own class
   * loader; in a {@code @QuarkusTest} the function shares this log context and should be heard.
   */
  static void icebergInRunner() {
    warningsOnly(ICEBERG);
  }

  private static void warningsOnly(List<String> categories) {
    // The log context keeps its loggers and their levels for good (java.util.logging would not).
    categories.forEach(name -> org.jboss.logmanager.Logger.getLogger(name).setLevel(Level.WARNING));
  }
}
