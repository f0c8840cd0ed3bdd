package io.k2.ingest.domain;

import java.util.Arrays;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;

/**
 * One row of a market data table as primitives, by column position in the schema, refilled row
 * after row (speed: a row costs no objects). Timestamps are microseconds since 1970-01-01T00:00
 * (wall-clock for exchange_timestamp, UTC for ingestion_timestamp), decimals their unscaled value
 * at the column's scale, ints and longs themselves; text is a String. Read a row before the next
 * one is filled in.
 */
public final class MarketRow {

  private final Schema schema;
  private final boolean[] isText;
  private final long[] numbers;
  private final String[] texts;
  private final boolean[] nulls;

  public MarketRow(Schema schema) {
    this.schema = schema;
    int columns = schema.columns().size();
    isText = new boolean[columns];
    for (int pos = 0; pos < columns; pos++) {
      isText[pos] = isText(schema, pos);
    }
    numbers = new long[columns];
    texts = new String[columns];
    nulls = new boolean[columns];
    Arrays.fill(nulls, true);
  }

  /** Whether the column at {@code pos} holds text; every other column holds a number. */
  public static boolean isText(Schema schema, int pos) {
    return schema.columns().get(pos).type().typeId() == Type.TypeID.STRING;
  }

  public Schema schema() {
    return schema;
  }

  public void setNumber(int pos, long value) {
    numbers[pos] = value;
    nulls[pos] = false;
  }

  /** Sets text; null makes the value null. */
  public void setText(int pos, String value) {
    texts[pos] = value;
    nulls[pos] = value == null;
  }

  public void setNull(int pos) {
    texts[pos] = null;
    nulls[pos] = true;
  }

  public boolean isNull(int pos) {
    return nulls[pos];
  }

  public long number(int pos) {
    return numbers[pos];
  }

  public String text(int pos) {
    return texts[pos];
  }

  /** Whether the column at {@code pos} holds text. */
  public boolean isText(int pos) {
    return isText[pos];
  }
}
