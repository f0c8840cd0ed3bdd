package io.k2.ingest.support;

import io.k2.ingest.domain.MarketTables;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/** Builds trades records by hand, for tests of the stages after parsing. */
public final class TradeRows {

  private static final GenericRecord TEMPLATE = GenericRecord.create(MarketTables.TRADES_SCHEMA);
  public static final OffsetDateTime INGESTED =
      OffsetDateTime.of(2026, 11, 24, 9, 30, 0, 0, ZoneOffset.UTC);

  private TradeRows() {}

  public static Record trade(String timestamp, String price, long volume, long sequence) {
    Record row = TEMPLATE.copy();
    row.setField("symbol", "BHP");
    row.setField("company_id", 7078);
    row.setField("exchange", "ASX");
    row.setField("exchange_timestamp", LocalDateTime.parse(timestamp));
    row.setField("price", new BigDecimal(price).setScale(6));
    row.setField("volume", volume);
    row.setField("qualifiers", 0);
    row.setField("venue", null);
    row.setField("buyer_id", null);
    row.setField("ingestion_timestamp", INGESTED);
    row.setField("sequence_number", sequence);
    row.setField("source_file", "s3://landing/asx/trades/7078.csv");
    return row;
  }
}
