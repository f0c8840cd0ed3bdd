package io.k2.ingest.support;

import io.k2.ingest.domain.MarketRow;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.DateTimeUtil;

/** Converts between Iceberg records and {@link MarketRow}s, so tests can state rows as records. */
public final class MarketRows {

  private MarketRows() {}

  /** A new row holding the record's values. */
  public static MarketRow of(Record record) {
    Schema schema = MarketSchemas.of(record);
    MarketRow row = new MarketRow(schema);
    for (int pos = 0; pos < schema.columns().size(); pos++) {
      Object value = record.get(pos);
      if (value == null) {
        row.setNull(pos);
      } else if (value instanceof String text) {
        row.setText(pos, text);
      } else if (value instanceof LocalDateTime time) {
        row.setNumber(pos, DateTimeUtil.microsFromTimestamp(time));
      } else if (value instanceof OffsetDateTime time) {
        row.setNumber(pos, DateTimeUtil.microsFromTimestamptz(time));
      } else if (value instanceof BigDecimal decimal) {
        int scale = ((Types.DecimalType) schema.columns().get(pos).type()).scale();
        row.setNumber(pos, decimal.setScale(scale).unscaledValue().longValueExact());
      } else {
        row.setNumber(pos, ((Number) value).longValue());
      }
    }
    return row;
  }

  /** The row's values as a record of its schema. */
  public static Record toRecord(MarketRow row) {
    Schema schema = row.schema();
    GenericRecord record = GenericRecord.create(schema);
    for (int pos = 0; pos < schema.columns().size(); pos++) {
      if (row.isNull(pos)) {
        continue;
      }
      Type type = schema.columns().get(pos).type();
      long number = row.number(pos);
      record.set(
          pos,
          switch (type.typeId()) {
            case STRING -> row.text(pos);
            case INTEGER -> Math.toIntExact(number);
            case LONG -> number;
            case DECIMAL -> BigDecimal.valueOf(number, ((Types.DecimalType) type).scale());
            case TIMESTAMP ->
                ((Types.TimestampType) type).shouldAdjustToUTC()
                    ? DateTimeUtil.timestamptzFromMicros(number)
                    : DateTimeUtil.timestampFromMicros(number);
            default -> throw new IllegalArgumentException("not a market data type: " + type);
          });
    }
    return record;
  }

  private static final class MarketSchemas {
    static Schema of(Record record) {
      return new Schema(record.struct().fields());
    }
  }
}
