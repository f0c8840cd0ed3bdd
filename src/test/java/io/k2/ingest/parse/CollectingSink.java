package io.k2.ingest.parse;

import io.k2.ingest.domain.MarketRow;
import io.k2.ingest.support.MarketRows;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.data.Record;

/** Keeps everything a parser hands over, in order, each row as a record of its values. */
final class CollectingSink implements RowSink {
  final List<Record> rows = new ArrayList<>();
  final List<RowError> errors = new ArrayList<>();

  @Override
  public void accept(MarketRow row) {
    rows.add(MarketRows.toRecord(row));
  }

  @Override
  public void reject(RowError error) {
    errors.add(error);
  }
}
