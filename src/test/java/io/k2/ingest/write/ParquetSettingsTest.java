package io.k2.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.iceberg.TableProperties;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

/** Table properties read as Iceberg reads them, with its defaults and its refusals. */
class ParquetSettingsTest {

  @Test
  void withoutPropertiesIcebergsDefaultsApply() {
    ParquetSettings settings = new ParquetSettings(Map.of());

    assertThat(settings.codec()).isEqualTo(CompressionCodecName.GZIP);
    assertThat(settings.writerVersion()).isEqualTo(WriterVersion.PARQUET_1_0);
  }

  @Test
  void codecAndPageVersionAreReadInAnyCase() {
    ParquetSettings settings =
        new ParquetSettings(
            Map.of(
                TableProperties.PARQUET_COMPRESSION, "ZsTd",
                TableProperties.PARQUET_PAGE_VERSION, "V2"));

    assertThat(settings.codec()).isEqualTo(CompressionCodecName.ZSTD);
    assertThat(settings.writerVersion()).isEqualTo(WriterVersion.PARQUET_2_0);
  }

  @Test
  void anUnknownPageVersionIsRefusedByName() {
    ParquetSettings settings =
        new ParquetSettings(Map.of(TableProperties.PARQUET_PAGE_VERSION, "v3"));

    assertThatThrownBy(settings::writerVersion)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("write.parquet.page-version must be v1 or v2, was v3");
  }

  @Test
  void sizesMustBePositive() {
    assertThatThrownBy(
            () -> new ParquetSettings(Map.of(TableProperties.PARQUET_PAGE_SIZE_BYTES, "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("write.parquet.page-size-bytes must be > 0, was 0");
  }

  @Test
  void theSizeCheckRowCountsMustBeInOrder() {
    ParquetSettings settings =
        new ParquetSettings(
            Map.of(
                TableProperties.PARQUET_ROW_GROUP_CHECK_MIN_RECORD_COUNT, "500",
                TableProperties.PARQUET_ROW_GROUP_CHECK_MAX_RECORD_COUNT, "499"));

    assertThatThrownBy(() -> settings.apply(new DataFileAppenderBuilderProbe()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "write.parquet.row-group-check-max-record-count must be >= "
                + "write.parquet.row-group-check-min-record-count");
  }

  /** A builder that is never built: only the settings' checks run. */
  private static final class DataFileAppenderBuilderProbe
      extends org.apache.parquet.hadoop.ParquetWriter.Builder<
          RowColumns, DataFileAppenderBuilderProbe> {
    DataFileAppenderBuilderProbe() {
      super(new ParquetOutput(null));
    }

    @Override
    protected DataFileAppenderBuilderProbe self() {
      return this;
    }

    @Override
    protected org.apache.parquet.hadoop.api.WriteSupport<RowColumns> getWriteSupport(
        org.apache.hadoop.conf.Configuration conf) {
      throw new UnsupportedOperationException();
    }
  }
}
