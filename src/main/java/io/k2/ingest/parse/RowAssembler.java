package io.k2.ingest.parse;

import static io.k2.ingest.domain.Columns.EXCHANGE_TIMESTAMP;
import static io.k2.ingest.domain.Columns.INGESTION_TIMESTAMP;
import static io.k2.ingest.domain.Columns.SEQUENCE_NUMBER;
import static io.k2.ingest.domain.Columns.SOURCE_FILE;
import static io.k2.ingest.domain.Columns.SYMBOL;

import io.k2.ingest.domain.Columns;
import io.k2.ingest.domain.MarketRow;
import io.k2.ingest.domain.MarketTables;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.util.DateTimeUtil;

/**
 * Builds the rows of one file in one reused {@link MarketRow}: values the function sets and values
 * that are the same on every row are set once, the bound fields are read into it row after row, and
 * accepted rows without a sequence number from the source get one; sequence numbers the source
 * gives are checked (see {@link SequenceOrder}).
 */
final class RowAssembler {

  private final MarketRow row;
  private final ColumnBinding[] bindings;
  private final int symbolPosition;
  private final int timestampPosition;
  private final int sequencePosition;
  private final SequenceNumbers sequenceNumbers;
  private final SequenceOrder sequenceOrder;

  /**
   * @param constants values every row of the file shares, by column name: Integer or String
   * @param bindings the fields read from each row
   * @param numberRows whether to number the rows, because the source has no sequence numbers
   */
  RowAssembler(
      ParseContext context,
      Map<String, Object> constants,
      List<ColumnBinding> bindings,
      boolean numberRows) {
    Schema schema = MarketTables.schema(context.table());
    row = new MarketRow(schema);
    row.setNumber(
        Columns.position(schema, INGESTION_TIMESTAMP),
        DateTimeUtil.microsFromTimestamptz(context.ingestionTime()));
    row.setText(Columns.position(schema, SOURCE_FILE), context.sourceFile());
    constants.forEach(
        (column, value) -> {
          int pos = Columns.position(schema, column);
          if (value instanceof Integer number) {
            row.setNumber(pos, number);
          } else {
            row.setText(pos, (String) value);
          }
        });
    this.bindings = bindings.toArray(ColumnBinding[]::new);
    symbolPosition = Columns.position(schema, SYMBOL);
    timestampPosition = Columns.position(schema, EXCHANGE_TIMESTAMP);
    sequencePosition = Columns.position(schema, SEQUENCE_NUMBER);
    sequenceNumbers = numberRows ? new SequenceNumbers() : null;
    sequenceOrder = numberRows ? null : new SequenceOrder();
  }

  /**
   * The current row, or null if one of its values was refused (and reported). The row is reused:
   * read it before assembling the next.
   *
   * @param timestampRead whether the reader has read the exchange timestamp already (the layout
   *     does not bind it to one field)
   * @param symbol the symbol when the layout does not bind it to a field
   * @throws FileRejectedException when the row's sequence number breaks the file's order
   */
  MarketRow assemble(FieldReader reader, boolean timestampRead, String symbol) {
    if (reader.failed()) {
      return null;
    }
    if (timestampRead) {
      row.setNumber(timestampPosition, reader.timestampMicros());
    }
    if (symbol != null) {
      row.setText(symbolPosition, symbol);
    }
    for (ColumnBinding binding : bindings) {
      if (!reader.read(binding, row)) {
        return null;
      }
    }
    String rowSymbol = row.text(symbolPosition);
    LocalDate day = reader.timestampDate();
    if (sequenceNumbers != null) {
      row.setNumber(sequencePosition, sequenceNumbers.next(rowSymbol, day));
    } else {
      sequenceOrder.check(rowSymbol, day, row.number(sequencePosition), reader.line());
    }
    return row;
  }
}
