package io.k2.ingest.source;

import io.k2.ingest.config.K2Config.Corrections;
import io.k2.ingest.config.K2Config.Layout;
import io.k2.ingest.domain.MarketTable;

/** Where an object's rows go and how they are laid out, chosen by its key prefix. */
public record Route(String prefix, MarketTable table, Layout layout, Corrections corrections) {

  public Route(String prefix, MarketTable table, Layout layout) {
    this(prefix, table, layout, Corrections.REPLACE);
  }
}
