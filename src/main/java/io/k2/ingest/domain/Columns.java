package io.k2.ingest.domain;

import org.apache.iceberg.Schema;

/** Column names shared by both tables. Table-specific columns are named in {@link MarketTables}. */
public final class Columns {
  public static final String SYMBOL = "symbol";
  public static final String COMPANY_ID = "company_id";
  public static final String EXCHANGE = "exchange";
  public static final String EXCHANGE_TIMESTAMP = "exchange_timestamp";
  public static final String INGESTION_TIMESTAMP = "ingestion_timestamp";
  public static final String SEQUENCE_NUMBER = "sequence_number";
  public static final String SOURCE_FILE = "source_file";

  public static final String PRICE = "price";
  public static final String VOLUME = "volume";
  public static final String QUALIFIERS = "qualifiers";
  public static final String VENUE = "venue";
  public static final String BUYER_ID = "buyer_id";

  public static final String BID_PRICE = "bid_price";
  public static final String BID_VOLUME = "bid_volume";
  public static final String ASK_PRICE = "ask_price";
  public static final String ASK_VOLUME = "ask_volume";

  private Columns() {}

  /** The column's position among the schema's top-level columns, as rows are laid out. */
  public static int position(Schema schema, String column) {
    return schema.columns().indexOf(schema.findField(column));
  }
}
