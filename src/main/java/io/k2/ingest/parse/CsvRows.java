package io.k2.ingest.parse;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * The rows of a file, tokenized by FastCSV (quotes, embedded separators and line breaks, CR, LF and
 * CRLF), skipping completely empty lines. A row's fields land in one reused {@link RowFields}.
 * Malformed quoting and over-long lines reject the file, with the line they start on.
 */
final class CsvRows {

  private final CloseableIterator<RowFields> rows;
  private final FieldCollector collector;

  CsvRows(Reader text, int maxLineLength) {
    collector = new FieldCollector();
    CsvReader<RowFields> reader =
        CsvReader.builder()
            // The parsers count fields themselves and report a wrong count as a bad row.
            .allowExtraFields(true)
            .allowMissingFields(true)
            .skipEmptyLines(true)
            .maxBufferSize(bufferSize(maxLineLength))
            .build(collector, new GuardedReader(text, maxLineLength));
    rows = reader.iterator();
  }

  /**
   * FastCSV's buffer must hold one field, which GuardedReader keeps within a line. The size is a
   * power of two of at least 16 Ki: FastCSV grows its buffer by doubling from 16 Ki and reads 8 Ki
   * at a time, and with any other maximum its last growth step can leave too little room to read.
   */
  static int bufferSize(int maxLineLength) {
    int needed = Math.max(maxLineLength + 2, 16 * 1024);
    return Integer.highestOneBit(needed - 1) << 1;
  }

  /** The next row, or null at the end of the file. The result is reused by the next call. */
  RowFields next() throws IOException {
    try {
      return rows.hasNext() ? rows.next() : null;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (CsvParseException e) {
      // FastCSV wraps whatever the reader throws, GuardedReader's rejection included.
      Throwable detail = e.getCause() != null ? e.getCause() : e;
      if (detail instanceof FileRejectedException rejected) {
        throw rejected;
      }
      throw new FileRejectedException(
          ParseMessages.malformedCsv(collector.fields.line(), detail.getMessage()), e);
    }
  }

  /** Hands each field's characters to {@link RowFields} without making a String of them. */
  private static final class FieldCollector extends AbstractBaseCsvCallbackHandler<RowFields> {
    private final RowFields fields = new RowFields();

    @Override
    protected void handleBegin(long startingLineNumber) {
      fields.begin(startingLineNumber);
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int length, boolean quoted) {
      fields.add(buf, offset, length);
    }

    @Override
    protected RowFields buildRecord() {
      return fields;
    }
  }
}
