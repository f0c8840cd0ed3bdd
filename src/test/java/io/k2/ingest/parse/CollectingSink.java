package io.k2.ingest.parse;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.data.Record;

/** Keeps everything a parser hands over, in order. */
final class CollectingSink implements RowSink {
  final List<Record> rows = new ArrayList<>();
  final List<RowError> errors = new ArrayList<>();

  @Override
  public void accept(Record row) {
    rows.add(row);
  }

  @Override
  public void reject(RowError error) {
    errors.add(error);
  }
}
