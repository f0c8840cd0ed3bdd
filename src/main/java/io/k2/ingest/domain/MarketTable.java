package io.k2.ingest.domain;

/** The tables K2 Ingest lands data into. Their definitions live in {@link MarketTables}. */
public enum MarketTable {
  TRADES("trades"),
  QUOTES("quotes");

  private final String defaultName;

  MarketTable(String defaultName) {
    this.defaultName = defaultName;
  }

  /** The table's name when configuration does not override it. */
  public String defaultName() {
    return defaultName;
  }
}
