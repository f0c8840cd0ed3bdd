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
            // GuardedReader already bounds a line; this only has to be large enough for one.
            .maxBufferSize(Math.max(maxLineLength, 8192) + 2)
            .build(collector, new GuardedReader(text, maxLineLength));
    rows = reader.iterator();
  }

  /** The next row, or null at the end of the file. The result is reused by the next call. */
  RowFields next() throws IOException {
    try {
      return rows.hasNext() ? rows.next() : null;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (CsvParseException e) {
      Throwable detail = e.getCause() != null ? e.getCause() : e;
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
