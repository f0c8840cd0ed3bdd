package io.k2.ingest.write;

import io.k2.ingest.domain.Columns;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.parquet.ParquetCodecFactory;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * A table's {@code write.parquet.*} properties applied to parquet-mr's writer as Iceberg 1.11's own
 * Parquet writer applies them (codec and level, row group and page sizes, page row limit, page
 * version, dictionary size, size-check row counts, bloom filters and statistics per column, every
 * property also in the Hadoop configuration), plus one choice Iceberg cannot express: no dictionary
 * for exchange_timestamp, whose sorted values cost far less with delta encoding.
 */
final class ParquetSettings {

  private final Map<String, String> properties;
  private final Configuration conf = new Configuration(false);
  private final int pageSize;

  ParquetSettings(Map<String, String> properties) {
    this.properties = properties;
    properties.forEach(conf::set);
    pageSize =
        positive(
            TableProperties.PARQUET_PAGE_SIZE_BYTES,
            TableProperties.PARQUET_PAGE_SIZE_BYTES_DEFAULT);
    String level = properties.get(TableProperties.PARQUET_COMPRESSION_LEVEL);
    if (level != null) {
      switch (codec()) {
        case GZIP -> conf.set("zlib.compress.level", level);
        case BROTLI -> conf.set("compression.brotli.quality", level);
        case ZSTD -> {
          conf.set("io.compression.codec.zstd.level", level);
          conf.set("parquet.compression.codec.zstd.level", level);
        }
        default -> {} // other codecs take no level
      }
    }
  }

  /** Applies the settings to {@code builder}. */
  <B extends ParquetWriter.Builder<?, B>> B apply(B builder) {
    int checkMin =
        positive(
            TableProperties.PARQUET_ROW_GROUP_CHECK_MIN_RECORD_COUNT,
            TableProperties.PARQUET_ROW_GROUP_CHECK_MIN_RECORD_COUNT_DEFAULT);
    int checkMax =
        positive(
            TableProperties.PARQUET_ROW_GROUP_CHECK_MAX_RECORD_COUNT,
            TableProperties.PARQUET_ROW_GROUP_CHECK_MAX_RECORD_COUNT_DEFAULT);
    if (checkMax < checkMin) {
      throw new IllegalArgumentException(
          TableProperties.PARQUET_ROW_GROUP_CHECK_MAX_RECORD_COUNT
              + " must be >= "
              + TableProperties.PARQUET_ROW_GROUP_CHECK_MIN_RECORD_COUNT);
    }
    builder
        .withConf(conf)
        .withCodecFactory(new ParquetCodecFactory(conf, pageSize))
        .withCompressionCodec(codec())
        .withWriterVersion(writerVersion())
        .withRowGroupSize(
            (long)
                positive(
                    TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES,
                    TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES_DEFAULT))
        .withMaxPaddingSize(0)
        .withPageSize(pageSize)
        .withPageRowCountLimit(
            positive(
                TableProperties.PARQUET_PAGE_ROW_LIMIT,
                TableProperties.PARQUET_PAGE_ROW_LIMIT_DEFAULT))
        .withDictionaryPageSize(
            positive(
                TableProperties.PARQUET_DICT_SIZE_BYTES,
                TableProperties.PARQUET_DICT_SIZE_BYTES_DEFAULT))
        .withDictionaryEncoding(
            PropertyUtil.propertyAsBoolean(properties, "parquet.enable.dictionary", true))
        .withDictionaryEncoding(Columns.EXCHANGE_TIMESTAMP, false)
        .withMinRowCountForPageSizeCheck(checkMin)
        .withMaxRowCountForPageSizeCheck(checkMax)
        .withMaxBloomFilterBytes(
            positive(
                TableProperties.PARQUET_BLOOM_FILTER_MAX_BYTES,
                TableProperties.PARQUET_BLOOM_FILTER_MAX_BYTES_DEFAULT));
    perColumn(TableProperties.PARQUET_BLOOM_FILTER_COLUMN_ENABLED_PREFIX)
        .forEach((column, on) -> builder.withBloomFilterEnabled(column, Boolean.parseBoolean(on)));
    perColumn(TableProperties.PARQUET_BLOOM_FILTER_COLUMN_FPP_PREFIX)
        .forEach((column, fpp) -> builder.withBloomFilterFPP(column, Double.parseDouble(fpp)));
    perColumn(TableProperties.PARQUET_BLOOM_FILTER_COLUMN_NDV_PREFIX)
        .forEach((column, ndv) -> builder.withBloomFilterNDV(column, Long.parseLong(ndv)));
    perColumn(TableProperties.PARQUET_COLUMN_STATS_ENABLED_PREFIX)
        .forEach((column, on) -> builder.withStatisticsEnabled(column, Boolean.parseBoolean(on)));
    return builder;
  }

  CompressionCodecName codec() {
    String name =
        properties.getOrDefault(
            TableProperties.PARQUET_COMPRESSION, TableProperties.PARQUET_COMPRESSION_DEFAULT);
    return CompressionCodecName.valueOf(name.toUpperCase(Locale.ENGLISH));
  }

  WriterVersion writerVersion() {
    String version =
        properties.getOrDefault(
            TableProperties.PARQUET_PAGE_VERSION, TableProperties.PARQUET_PAGE_VERSION_DEFAULT);
    return switch (version.toLowerCase(Locale.ENGLISH)) {
      case "v1" -> WriterVersion.PARQUET_1_0;
      case "v2" -> WriterVersion.PARQUET_2_0;
      default ->
          throw new IllegalArgumentException(
              TableProperties.PARQUET_PAGE_VERSION + " must be v1 or v2, was " + version);
    };
  }

  private Map<String, String> perColumn(String prefix) {
    return PropertyUtil.propertiesWithPrefix(properties, prefix);
  }

  private int positive(String property, int defaultValue) {
    int value = PropertyUtil.propertyAsInt(properties, property, defaultValue);
    if (value <= 0) {
      throw new IllegalArgumentException(property + " must be > 0, was " + value);
    }
    return value;
  }
}
