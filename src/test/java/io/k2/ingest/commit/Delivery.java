package io.k2.ingest.commit;

import static io.k2.ingest.support.TradeRows.trade;

import io.k2.ingest.config.K2Config.Corrections;
import io.k2.ingest.source.SourceIdentity;
import io.k2.ingest.support.MarketRows;
import io.k2.ingest.write.ObjectFileWriter;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;

/**
 * One landed object version for commit tests, staged as the ingest stages it: its rows (trades of
 * 2014-03-10, {@code source_file} its URI) written as data files named for the version and the
 * attempt. By default: unversioned bucket, no sequencer, a route that replaces corrections, rows
 * identified by key and ETag.
 */
record Delivery(
    String key,
    String eTag,
    String versionId,
    String sequencer,
    String rowsId,
    Corrections corrections,
    int rows) {

  static Delivery of(String key, String eTag) {
    return new Delivery(key, eTag, null, null, key + "@" + eTag, Corrections.REPLACE, 2);
  }

  Delivery versionId(String id) {
    return new Delivery(key, eTag, id, sequencer, rowsId, corrections, rows);
  }

  Delivery sequencer(String s) {
    return new Delivery(key, eTag, versionId, s, rowsId, corrections, rows);
  }

  Delivery rowsId(String id) {
    return new Delivery(key, eTag, versionId, sequencer, id, corrections, rows);
  }

  Delivery corrections(Corrections c) {
    return new Delivery(key, eTag, versionId, sequencer, rowsId, c, rows);
  }

  Delivery rows(int n) {
    return new Delivery(key, eTag, versionId, sequencer, rowsId, corrections, n);
  }

  SourceIdentity identity() {
    return new SourceIdentity("landing", key, eTag, versionId, 100L * rows);
  }

  SourceObject source() {
    return new SourceObject(identity(), eTag + "-sha", rows, 0, rowsId, sequencer, corrections);
  }

  /** Staged by a first attempt. */
  StagedObject stage(Table table) {
    return stage(table, 1);
  }

  /** Staged by attempt {@code attempt}: its files are named for this version and attempt. */
  StagedObject stage(Table table, int attempt) {
    SourceObject source = source();
    ObjectFileWriter writer = new ObjectFileWriter(table, source.id() + "-" + attempt, 1000);
    for (int i = 0; i < rows; i++) {
      writer.write(MarketRows.of(row(source.uri(), i)));
    }
    return new StagedObject(source, writer.finish());
  }

  /** Row {@code i} of an object: its time, volume and sequence number follow from {@code i}. */
  static Record row(String uri, int i) {
    Record row = trade("2014-03-10T10:00:" + String.format("%02d", i), "1.5", 10 + i, i + 1);
    row.setField("source_file", uri);
    return row;
  }
}
