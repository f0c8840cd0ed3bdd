package io.k2.ingest.parse;

import java.io.IOException;
import java.io.Reader;
import java.util.Map;
import org.apache.iceberg.data.GenericRecord;

/**
 * Reads CSV whose first row names the columns (see {@link CsvHeader}). Every row carries symbol,
 * company id, exchange and exchange timestamp; a file without a sequence_number column has its rows
 * numbered within each symbol and trading day.
 */
final class HeaderCsvParser implements MarketDataParser {

  private final ParseContext context;
  private final int maxLineLength;

  HeaderCsvParser(ParseContext context, int maxLineLength) {
    this.context = context;
    this.maxLineLength = maxLineLength;
  }

  @Override
  public void parse(Reader text, RowSink sink) throws IOException {
    CsvRows rows = new CsvRows(text, maxLineLength);
    RowFields headerRow = rows.next();
    if (headerRow == null) {
      throw new FileRejectedException(ParseMessages.EMPTY_FILE);
    }
    CsvHeader header = CsvHeader.match(context.table(), headerRow);
    int fieldCount = headerRow.count();
    FieldReader reader = new FieldReader(sink);
    RecordAssembler assembler =
        new RecordAssembler(context, Map.of(), header.bindings(), !header.hasSequenceNumber());
    long rowCount = 0;
    for (RowFields row = rows.next(); row != null; row = rows.next()) {
      rowCount++;
      if (reader.startRow(row, fieldCount)) {
        GenericRecord record = assembler.assemble(reader, null);
        if (record != null) {
          sink.accept(record);
        }
      }
    }
    if (rowCount == 0) {
      throw new FileRejectedException(ParseMessages.HEADER_ONLY);
    }
  }
}
