package io.k2.ingest.parse;

import io.k2.ingest.config.K2Config.Layout;
import io.k2.ingest.domain.MarketTable;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;

/** Runs a parser over text held in the test, the way the function runs it over an object. */
final class Parsing {
  static final OffsetDateTime INGESTED = OffsetDateTime.parse("2024-05-01T12:00:00.5+00:00");
  static final String SOURCE = "s3://landing/asx/trades/7078.csv";
  static final ParseContext.Company BHP = new ParseContext.Company(7078, "BHP");

  private Parsing() {}

  static ParseContext context(Layout layout, MarketTable table) {
    // Only the headerless ASX layout needs the company; CSV rows name it themselves.
    return new ParseContext(table, SOURCE, INGESTED, layout == Layout.ASX ? BHP : null);
  }

  static CollectingSink asx(MarketTable table, String text) {
    return parse(new ParserFactory(), Layout.ASX, table, text);
  }

  static CollectingSink csv(MarketTable table, String text) {
    return parse(new ParserFactory(), Layout.CSV, table, text);
  }

  static CollectingSink parse(
      ParserFactory factory, Layout layout, MarketTable table, String text) {
    CollectingSink sink = new CollectingSink();
    try {
      factory.create(layout, context(layout, table)).parse(new StringReader(text), sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    return sink;
  }
}
