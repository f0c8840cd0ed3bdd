package io.k2.ingest.parse;

import io.k2.ingest.domain.MarketRow;

/**
 * Receives a parser's output: each valid row, each bad row as an error. A row is handed over in a
 * reused {@link MarketRow}: take its values before returning.
 */
public interface RowSink {

  void accept(MarketRow row);

  void reject(RowError error);
}
