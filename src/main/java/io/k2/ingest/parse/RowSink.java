package io.k2.ingest.parse;

import org.apache.iceberg.data.Record;

/** Receives a parser's output: each valid row as a table record, each bad row as an error. */
public interface RowSink {

  void accept(Record row);

  void reject(RowError error);
}
