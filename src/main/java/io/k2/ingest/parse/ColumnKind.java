package io.k2.ingest.parse;

/** What a column holds and which values it accepts; one rule for every layout. */
enum ColumnKind {
  /** Required text that keys the row (symbol, exchange): not blank, not padded with whitespace. */
  KEY_TEXT,
  /** Optional text, kept as given; empty means null. */
  OPTIONAL_TEXT,
  /** A vendor's numeric id: an int greater than 0. */
  ID,
  /** A small count or code such as trade qualifiers: an int, not negative. */
  COUNT,
  /** A number of shares: a long, not negative. */
  QUANTITY,
  /**
   * A sequence number given by the source: a long, not negative, on every row (a file without the
   * column has its rows numbered instead).
   */
  SEQUENCE,
  /** A trade price: decimal(18, 6) greater than 0. */
  PRICE,
  /** A bid or ask price: decimal(18, 6), not negative; 0 marks an empty side of the book. */
  BOOK_PRICE,
  /** The exchange's local wall-clock time, ISO-8601 without zone or offset. */
  LOCAL_TIMESTAMP
}
