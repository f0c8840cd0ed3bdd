package io.k2.ingest.parse;

import static io.k2.ingest.domain.MarketTable.QUOTES;
import static io.k2.ingest.domain.MarketTable.TRADES;
import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.domain.MarketTables;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** Records carry the Java types Iceberg's generic writers expect, in every column, both layouts. */
class SchemaConformanceTest {

  @Test
  void asxRecordsMatchTheirSchemas() {
    assertConforms(TRADES, Parsing.asx(TRADES, "03/10/2014,10:00:00.000,1.5,1,0,X,B\r\n").rows);
    assertConforms(QUOTES, Parsing.asx(QUOTES, "03/10/2014,10:00:00.000,1.5,0,1,0\r\n").rows);
  }

  @Test
  void csvRecordsMatchTheirSchemas() {
    String trades =
        "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,venue,buyer_id\n"
            + "BHP,7078,ASX,2014-03-10T10:00:01,2,1,0,X,B\n";
    String quotes =
        "symbol,company_id,exchange,exchange_timestamp,bid_price,bid_volume,ask_price,ask_volume,"
            + "sequence_number\nBHP,7078,ASX,2014-03-10T10:00:01,1,1,1,1,9\n";

    assertConforms(TRADES, Parsing.csv(TRADES, trades).rows);
    assertConforms(QUOTES, Parsing.csv(QUOTES, quotes).rows);
  }

  @Test
  void everyColumnAFileMayCarryHasAParseRule() {
    for (MarketTable table : java.util.List.of(MarketTable.TRADES, MarketTable.QUOTES)) {
      assertThat(TableColumns.fileColumns(table).keySet())
          .containsExactlyElementsOf(
              MarketTables.schema(table).columns().stream()
                  .map(Types.NestedField::name)
                  .filter(name -> !TableColumns.FUNCTION_SET.contains(name))
                  .toList());
    }
  }

  private static void assertConforms(MarketTable table, List<Record> rows) {
    assertThat(rows).hasSize(1);
    Record row = rows.get(0);
    List<Types.NestedField> columns = MarketTables.schema(table).columns();
    for (int i = 0; i < columns.size(); i++) {
      Types.NestedField column = columns.get(i);
      Object value = row.get(i);
      assertThat(value).as(column.name()).isNotNull();
      assertThat(value).as(column.name()).isInstanceOf(javaClass(column.type()));
      if (value instanceof BigDecimal decimal) {
        assertThat(decimal.scale()).as(column.name()).isEqualTo(6);
      }
    }
  }

  private static Class<?> javaClass(org.apache.iceberg.types.Type type) {
    return switch (type.typeId()) {
      case STRING -> String.class;
      case INTEGER -> Integer.class;
      case LONG -> Long.class;
      case DECIMAL -> BigDecimal.class;
      case TIMESTAMP ->
          ((Types.TimestampType) type).shouldAdjustToUTC()
              ? OffsetDateTime.class
              : LocalDateTime.class;
      default -> throw new AssertionError("no parser produces " + type);
    };
  }
}
