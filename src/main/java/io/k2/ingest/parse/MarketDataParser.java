package io.k2.ingest.parse;

import java.io.IOException;
import java.io.Reader;

/** Turns the text of one landed file into table rows, row by row, in file order. */
public interface MarketDataParser {

  /**
   * Reads every row from {@code text} and hands it to {@code sink}.
   *
   * @throws FileRejectedException when the file as a whole is not usable
   * @throws IOException when reading the underlying stream fails (transient)
   */
  void parse(Reader text, RowSink sink) throws IOException;
}
