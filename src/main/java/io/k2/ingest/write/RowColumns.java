package io.k2.ingest.write;

import io.k2.ingest.domain.MarketRow;
import java.util.Arrays;
import java.util.BitSet;
import org.apache.iceberg.Schema;

/**
 * Buffered rows held by column: a {@code long[]} per number column, a {@code String[]} per text
 * column (a value repeated row after row is one shared String, so it is kept once), and the
 * positions of null numbers. Rows are numbered from 0 in arrival order.
 */
final class RowColumns {

  private static final int INITIAL_ROWS = 1024;

  private final boolean[] isText;
  private final long[][] numbers;
  private final String[][] texts;
  private final BitSet[] nullNumbers;
  private int capacity = INITIAL_ROWS;
  private int size;
  private int selected;

  RowColumns(Schema schema) {
    int columns = schema.columns().size();
    isText = new boolean[columns];
    numbers = new long[columns][];
    texts = new String[columns][];
    nullNumbers = new BitSet[columns];
    for (int pos = 0; pos < columns; pos++) {
      isText[pos] = MarketRow.isText(schema, pos);
      if (isText[pos]) {
        texts[pos] = new String[capacity];
      } else {
        numbers[pos] = new long[capacity];
        nullNumbers[pos] = new BitSet();
      }
    }
  }

  /** Copies the row's values in and returns the row's number. */
  int add(MarketRow row) {
    if (size == capacity) {
      grow();
    }
    for (int pos = 0; pos < isText.length; pos++) {
      if (isText[pos]) {
        texts[pos][size] = row.text(pos);
      } else if (row.isNull(pos)) {
        nullNumbers[pos].set(size);
      } else {
        numbers[pos][size] = row.number(pos);
      }
    }
    return size++;
  }

  int size() {
    return size;
  }

  boolean isNull(int pos, int row) {
    return isText[pos] ? texts[pos][row] == null : nullNumbers[pos].get(row);
  }

  long number(int pos, int row) {
    return numbers[pos][row];
  }

  String text(int pos, int row) {
    return texts[pos][row];
  }

  /** Selects the row the Parquet writer takes next (see {@link RowWriteSupport}). */
  void select(int row) {
    selected = row;
  }

  int selected() {
    return selected;
  }

  /** Forgets every row, keeping the arrays for the next ones. */
  void clear() {
    for (int pos = 0; pos < isText.length; pos++) {
      if (isText[pos]) {
        Arrays.fill(texts[pos], 0, size, null);
      } else {
        nullNumbers[pos].clear();
      }
    }
    size = 0;
  }

  private void grow() {
    capacity *= 2;
    for (int pos = 0; pos < isText.length; pos++) {
      if (isText[pos]) {
        texts[pos] = Arrays.copyOf(texts[pos], capacity);
      } else {
        numbers[pos] = Arrays.copyOf(numbers[pos], capacity);
      }
    }
  }
}
