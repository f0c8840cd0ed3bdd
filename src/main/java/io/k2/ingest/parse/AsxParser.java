package io.k2.ingest.parse;

import static io.k2.ingest.domain.Columns.*;

import io.k2.ingest.config.K2Config.DateWindow;
import io.k2.ingest.domain.Columns;
import io.k2.ingest.domain.MarketRow;
import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.domain.MarketTables;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;

/**
 * Reads the vendor's headerless ASX layout, one file per company:
 *
 * <ul>
 *   <li>trades: {@code MM/DD/YYYY,HH:MM:SS.mmm,price,volume,qualifiers,venue,buyer_id}
 *   <li>quotes: {@code MM/DD/YYYY,HH:MM:SS.mmm,bid,ask,bid_volume,ask_volume}
 * </ul>
 *
 * The company id comes from the file's company and the symbol from its listing on the row's trading
 * day (see {@link CompanySymbols}); the exchange is {@value #EXCHANGE_NAME}, and rows are numbered
 * within each trading day since the vendor gives no sequence numbers.
 */
final class AsxParser implements MarketDataParser {

  static final String EXCHANGE_NAME = "ASX";

  private static final int DATE_FIELD = 0;
  private static final int TIME_FIELD = 1;

  /** The vendor's field order after date and time; note quotes put both prices first. */
  private static final List<String> TRADES_FIELDS =
      List.of(PRICE, VOLUME, QUALIFIERS, VENUE, BUYER_ID);

  private static final List<String> QUOTES_FIELDS =
      List.of(BID_PRICE, ASK_PRICE, BID_VOLUME, ASK_VOLUME);

  private final ParseContext context;
  private final int maxLineLength;
  private final List<ColumnBinding> bindings;
  private final int fieldCount;
  private final DateWindow plausibleDates;

  AsxParser(ParseContext context, int maxLineLength, DateWindow plausibleDates) {
    if (context.company() == null) {
      throw new IllegalArgumentException("the ASX layout needs the file's company");
    }
    this.context = context;
    this.maxLineLength = maxLineLength;
    this.plausibleDates = plausibleDates;
    bindings = bindings(context.table());
    fieldCount = bindings.size() + 2;
  }

  private static List<ColumnBinding> bindings(MarketTable table) {
    Schema schema = MarketTables.schema(table);
    Map<String, ColumnKind> kinds = TableColumns.fileColumns(table);
    List<String> names = table == MarketTable.TRADES ? TRADES_FIELDS : QUOTES_FIELDS;
    List<ColumnBinding> bindings = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String column = names.get(i);
      bindings.add(
          new ColumnBinding(
              TIME_FIELD + 1 + i, column, Columns.position(schema, column), kinds.get(column)));
    }
    return List.copyOf(bindings);
  }

  @Override
  public void parse(Reader text, RowSink sink) throws IOException {
    CsvRows rows = new CsvRows(text, maxLineLength);
    FieldReader reader = new FieldReader(sink, plausibleDates);
    ParseContext.Company company = context.company();
    CompanySymbols symbols = new CompanySymbols(company);
    RowAssembler assembler =
        new RowAssembler(
            context, Map.of(COMPANY_ID, company.id(), EXCHANGE, EXCHANGE_NAME), bindings, true);
    long rowCount = 0;
    for (RowFields row = rows.next(); row != null; row = rows.next()) {
      rowCount++;
      if (rowCount == 1 && looksLikeHeader(row)) {
        sink.reject(new RowError(row.line(), null, null, ParseMessages.ASX_HEADER_ROW));
      } else if (reader.startRow(row, fieldCount)) {
        String symbol =
            reader.asxTimestamp(DATE_FIELD, TIME_FIELD)
                ? symbols.on(reader.timestampDate(), reader, DATE_FIELD)
                : null;
        MarketRow accepted = symbol == null ? null : assembler.assemble(reader, true, symbol);
        if (accepted != null) {
          sink.accept(accepted);
        }
      }
    }
    if (rowCount == 0) {
      throw new FileRejectedException(ParseMessages.EMPTY_FILE);
    }
  }

  /** A first field that starts with a letter is a column name, not a date. */
  private static boolean looksLikeHeader(RowFields row) {
    return !row.isEmpty(DATE_FIELD) && Character.isLetter(row.chars()[row.start(DATE_FIELD)]);
  }
}
