package io.k2.ingest.domain;

/** The tables K2 Ingest manages. Their definitions live in {@link MarketTables}. */
public enum MarketTable {
  TRADES("trades"),
  QUOTES("quotes"),
  /** One row per processed object and attempt: the load history. */
  INGEST_LOG("ingest_log");

  private final String defaultName;

  MarketTable(String defaultName) {
    this.defaultName = defaultName;
  }

  /** The table's name when configuration does not override it. */
  public String defaultName() {
    return defaultName;
  }
}
