package io.k2.ingest.domain;

import static io.k2.ingest.domain.Columns.*;
import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * The single source of truth for the market data tables: schemas (with stable column ids),
 * partitioning, sort order and table properties. Both the init and the ingest function use it.
 */
public final class MarketTables {

  /** Prices: 12 integer and 6 fractional digits, exact. */
  public static final Types.DecimalType PRICE_TYPE = Types.DecimalType.of(18, 6);

  public static final Schema TRADES_SCHEMA =
      new Schema(
          required(1, SYMBOL, Types.StringType.get()),
          required(2, COMPANY_ID, Types.IntegerType.get()),
          required(3, EXCHANGE, Types.StringType.get()),
          // The exchange's local wall-clock time: no zone is implied or converted.
          required(4, EXCHANGE_TIMESTAMP, Types.TimestampType.withoutZone()),
          required(5, PRICE, PRICE_TYPE),
          required(6, VOLUME, Types.LongType.get()),
          required(7, QUALIFIERS, Types.IntegerType.get()),
          optional(8, VENUE, Types.StringType.get()),
          optional(9, BUYER_ID, Types.StringType.get()),
          required(10, INGESTION_TIMESTAMP, Types.TimestampType.withZone()),
          optional(11, SEQUENCE_NUMBER, Types.LongType.get()),
          optional(12, SOURCE_FILE, Types.StringType.get()));

  public static final Schema QUOTES_SCHEMA =
      new Schema(
          required(1, SYMBOL, Types.StringType.get()),
          required(2, COMPANY_ID, Types.IntegerType.get()),
          required(3, EXCHANGE, Types.StringType.get()),
          required(4, EXCHANGE_TIMESTAMP, Types.TimestampType.withoutZone()),
          required(5, BID_PRICE, PRICE_TYPE),
          required(6, BID_VOLUME, Types.LongType.get()),
          required(7, ASK_PRICE, PRICE_TYPE),
          required(8, ASK_VOLUME, Types.LongType.get()),
          required(9, INGESTION_TIMESTAMP, Types.TimestampType.withZone()),
          optional(10, SEQUENCE_NUMBER, Types.LongType.get()),
          optional(11, SOURCE_FILE, Types.StringType.get()));

  /**
   * The load history: one row per landed object and attempt. Kept as an Iceberg table beside the
   * data so the same engines answer "was this file loaded, when, into which snapshot", for as long
   * as the user keeps it, independent of snapshot expiry.
   */
  public static final Schema INGEST_LOG_SCHEMA =
      new Schema(
          required(1, "processed_at", Types.TimestampType.withZone()),
          required(2, "invocation_id", Types.StringType.get()),
          optional(3, "bucket", Types.StringType.get()),
          optional(4, "key", Types.StringType.get()),
          optional(5, "version_id", Types.StringType.get()),
          optional(6, "etag", Types.StringType.get()),
          optional(7, "size", Types.LongType.get()),
          optional(8, "sha256", Types.StringType.get()),
          optional(9, "table_name", Types.StringType.get()),
          required(10, "status", Types.StringType.get()),
          required(11, "rows", Types.LongType.get()),
          required(12, "rejected_rows", Types.LongType.get()),
          optional(13, "snapshot_id", Types.LongType.get()),
          required(14, "files", Types.IntegerType.get()),
          required(15, "bytes", Types.LongType.get()),
          required(16, "write_ms", Types.LongType.get()),
          required(17, "commit_ms", Types.LongType.get()),
          required(18, "commit_retries", Types.IntegerType.get()),
          optional(19, "error", Types.StringType.get()),
          optional(20, "message_id", Types.StringType.get()),
          optional(21, "replaced_snapshot_id", Types.LongType.get()),
          optional(22, "replaced_version", Types.StringType.get()));

  public static final String PARTITION_FIELD = "exchange_date";

  /** Table properties every market data table carries unless configuration overrides them. */
  public static final Map<String, String> DEFAULT_PROPERTIES =
      Map.of(
          TableProperties.FORMAT_VERSION, "2",
          TableProperties.PARQUET_COMPRESSION, "zstd",
          TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES, "134217728",
          TableProperties.PARQUET_PAGE_SIZE_BYTES, "1048576",
          // v2 pages: sorted timestamps and counters fall back from a dictionary to delta
          // encodings.
          TableProperties.PARQUET_PAGE_VERSION, "v2",
          // Many invocations append at once; appends never truly conflict, so retry generously.
          TableProperties.COMMIT_NUM_RETRIES, "20",
          TableProperties.COMMIT_MIN_RETRY_WAIT_MS, "50",
          TableProperties.COMMIT_MAX_RETRY_WAIT_MS, "5000",
          // Every commit writes a new metadata file; keep the last few, not the whole history.
          TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true",
          TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, "20");

  /** Exact bounds of source_file per data file: a correction finds a key's files by them. */
  static final Map<String, String> MARKET_DATA_PROPERTIES =
      Map.of(TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX + SOURCE_FILE, "full");

  private MarketTables() {}

  public static Schema schema(MarketTable table) {
    return switch (table) {
      case TRADES -> TRADES_SCHEMA;
      case QUOTES -> QUOTES_SCHEMA;
      case INGEST_LOG -> INGEST_LOG_SCHEMA;
    };
  }

  /** Market data: daily hidden partitions on the exchange's timestamp. */
  public static PartitionSpec spec(Schema schema) {
    return PartitionSpec.builderFor(schema).day(EXCHANGE_TIMESTAMP, PARTITION_FIELD).build();
  }

  public static SortOrder sortOrder(Schema schema) {
    return SortOrder.builderFor(schema).asc(EXCHANGE_TIMESTAMP).asc(SEQUENCE_NUMBER).build();
  }

  private static PartitionSpec spec(MarketTable table, Schema schema) {
    return table == MarketTable.INGEST_LOG
        ? PartitionSpec.builderFor(schema).day("processed_at", "processed_date").build()
        : spec(schema);
  }

  private static SortOrder sortOrder(MarketTable table, Schema schema) {
    return table == MarketTable.INGEST_LOG
        ? SortOrder.builderFor(schema).asc("processed_at").build()
        : sortOrder(schema);
  }

  /**
   * The definition of one table, in a namespace and under a name chosen by configuration, with
   * configured properties laid over the defaults.
   */
  public static TableDefinition definition(
      MarketTable table, Namespace namespace, String name, Map<String, String> propertyOverrides) {
    Schema schema = schema(table);
    Map<String, String> properties = new LinkedHashMap<>(DEFAULT_PROPERTIES);
    if (table != MarketTable.INGEST_LOG) {
      properties.putAll(MARKET_DATA_PROPERTIES);
    }
    properties.putAll(propertyOverrides);
    return new TableDefinition(
        table,
        TableIdentifier.of(namespace, name),
        schema,
        spec(table, schema),
        sortOrder(table, schema),
        properties);
  }
}
