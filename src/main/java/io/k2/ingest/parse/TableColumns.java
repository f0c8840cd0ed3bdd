package io.k2.ingest.parse;

import static io.k2.ingest.domain.Columns.*;

import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.domain.MarketTables;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.types.Types;

/**
 * How the parsers see a table: the kind of each column a file may carry, and the columns the
 * function sets itself. Whether a column is required comes from the table schema in {@link
 * MarketTables}, so the two cannot drift apart.
 */
final class TableColumns {

  /** Set on every row by the function, never read from a file. */
  static final Set<String> FUNCTION_SET = Set.of(INGESTION_TIMESTAMP, SOURCE_FILE);

  private static final Map<String, ColumnKind> COMMON =
      Map.of(
          SYMBOL, ColumnKind.KEY_TEXT,
          COMPANY_ID, ColumnKind.ID,
          EXCHANGE, ColumnKind.KEY_TEXT,
          EXCHANGE_TIMESTAMP, ColumnKind.LOCAL_TIMESTAMP,
          SEQUENCE_NUMBER, ColumnKind.SEQUENCE);

  private static final Map<String, ColumnKind> TRADES =
      Map.of(
          PRICE, ColumnKind.PRICE,
          VOLUME, ColumnKind.QUANTITY,
          QUALIFIERS, ColumnKind.COUNT,
          VENUE, ColumnKind.OPTIONAL_TEXT,
          BUYER_ID, ColumnKind.OPTIONAL_TEXT);

  private static final Map<String, ColumnKind> QUOTES =
      Map.of(
          BID_PRICE, ColumnKind.BOOK_PRICE,
          BID_VOLUME, ColumnKind.QUANTITY,
          ASK_PRICE, ColumnKind.BOOK_PRICE,
          ASK_VOLUME, ColumnKind.QUANTITY);

  private TableColumns() {}

  /** The columns a file may carry, in schema order, with their kinds. */
  static Map<String, ColumnKind> fileColumns(MarketTable table) {
    Map<String, ColumnKind> specific = table == MarketTable.TRADES ? TRADES : QUOTES;
    Map<String, ColumnKind> columns = new LinkedHashMap<>();
    for (Types.NestedField field : MarketTables.schema(table).columns()) {
      if (!FUNCTION_SET.contains(field.name())) {
        ColumnKind kind = COMMON.getOrDefault(field.name(), specific.get(field.name()));
        if (kind == null) {
          throw new IllegalStateException("no parse rule for column " + field.name());
        }
        columns.put(field.name(), kind);
      }
    }
    return columns;
  }

  static boolean isRequired(MarketTable table, String column) {
    return MarketTables.schema(table).findField(column).isRequired();
  }
}
