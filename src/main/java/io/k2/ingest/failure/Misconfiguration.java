package io.k2.ingest.failure;

/**
 * A setting that cannot work, named in the message: found at start-up where possible, otherwise on
 * first use, and never turned into a retried object failure.
 */
public class Misconfiguration extends RuntimeException {

  private final String setting;

  public Misconfiguration(String setting, String problem) {
    super(setting + ": " + problem);
    this.setting = setting;
  }

  public Misconfiguration(String setting, String problem, Throwable cause) {
    super(setting + ": " + problem, cause);
    this.setting = setting;
  }

  /** The setting to fix, e.g. {@code k2.routes[2].table}. */
  public String setting() {
    return setting;
  }
}
