package io.k2.ingest.parse;

import io.k2.ingest.config.K2Config.DateWindow;
import io.k2.ingest.domain.MarketRow;
import java.io.IOException;
import java.io.Reader;
import java.util.Map;

/**
 * Reads CSV whose first row names the columns (see {@link CsvHeader}). Every row carries symbol,
 * company id, exchange and exchange timestamp; a file without a sequence_number column has its rows
 * numbered within each symbol and trading day; a file with one must give it on every row,
 * increasing within each symbol and trading day.
 */
final class HeaderCsvParser implements MarketDataParser {

  private final ParseContext context;
  private final int maxLineLength;
  private final DateWindow plausibleDates;

  HeaderCsvParser(ParseContext context, int maxLineLength, DateWindow plausibleDates) {
    this.context = context;
    this.maxLineLength = maxLineLength;
    this.plausibleDates = plausibleDates;
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
    FieldReader reader = new FieldReader(sink, plausibleDates);
    RowAssembler assembler =
        new RowAssembler(context, Map.of(), header.bindings(), !header.hasSequenceNumber());
    long rowCount = 0;
    for (RowFields row = rows.next(); row != null; row = rows.next()) {
      rowCount++;
      if (reader.startRow(row, fieldCount)) {
        MarketRow accepted = assembler.assemble(reader, false, null);
        if (accepted != null) {
          sink.accept(accepted);
        }
      }
    }
    if (rowCount == 0) {
      throw new FileRejectedException(ParseMessages.HEADER_ONLY);
    }
  }
}
