package io.k2.ingest.write;

import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Hands parquet-mr the selected row of a {@link RowColumns} as primitive values: ints, longs
 * (timestamps in micros, decimals unscaled), and text as UTF-8 made once per distinct String.
 */
final class RowWriteSupport extends WriteSupport<RowColumns> {

  private static final int MAX_CACHED_TEXTS = 4096;

  private final MessageType type;
  private final Map<String, String> metadata;
  private final String[] names;
  private final PrimitiveTypeName[] kinds;
  private final boolean[] required;
  private final TextCache[] texts;
  private RecordConsumer consumer;

  RowWriteSupport(MessageType type, Map<String, String> metadata) {
    this.type = type;
    this.metadata = metadata;
    int columns = type.getFieldCount();
    names = new String[columns];
    kinds = new PrimitiveTypeName[columns];
    required = new boolean[columns];
    texts = new TextCache[columns];
    for (int pos = 0; pos < columns; pos++) {
      Type field = type.getType(pos);
      PrimitiveType primitive = field.asPrimitiveType();
      names[pos] = field.getName();
      kinds[pos] = primitive.getPrimitiveTypeName();
      required[pos] = field.isRepetition(Type.Repetition.REQUIRED);
      switch (kinds[pos]) {
        case INT32, INT64 -> {}
        case BINARY -> texts[pos] = new TextCache();
        default -> throw new IllegalArgumentException("no column writer for " + field);
      }
    }
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(type, metadata);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(RowColumns rows) {
    int row = rows.selected();
    consumer.startMessage();
    for (int pos = 0; pos < names.length; pos++) {
      if (rows.isNull(pos, row)) {
        if (required[pos]) {
          throw new IllegalArgumentException("null in required column " + names[pos]);
        }
        continue; // an optional field left out is null
      }
      consumer.startField(names[pos], pos);
      switch (kinds[pos]) {
        case INT32 -> consumer.addInteger((int) rows.number(pos, row));
        case INT64 -> consumer.addLong(rows.number(pos, row));
        default -> consumer.addBinary(texts[pos].binary(rows.text(pos, row)));
      }
      consumer.endField(names[pos], pos);
    }
    consumer.endMessage();
  }

  /**
   * One column's texts as Parquet binaries, encoded once per distinct value (speed: symbols,
   * venues, file names repeat row after row, and the parser hands them over as one shared String).
   */
  private static final class TextCache {
    private final Map<String, Binary> binaries = new HashMap<>();
    private String last;
    private Binary lastBinary;

    Binary binary(String text) {
      if (text != last) { // identity first: the common case, a repeat of the previous row
        Binary known = binaries.get(text);
        if (known == null) {
          if (binaries.size() == MAX_CACHED_TEXTS) {
            binaries.clear(); // a column of many distinct values: keep memory bounded
          }
          known = Binary.fromString(text);
          binaries.put(text, known);
        }
        last = text;
        lastBinary = known;
      }
      return lastBinary;
    }
  }
}
