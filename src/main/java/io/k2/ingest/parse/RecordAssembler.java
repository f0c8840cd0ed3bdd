package io.k2.ingest.parse;

import static io.k2.ingest.domain.Columns.EXCHANGE_TIMESTAMP;
import static io.k2.ingest.domain.Columns.INGESTION_TIMESTAMP;
import static io.k2.ingest.domain.Columns.SEQUENCE_NUMBER;
import static io.k2.ingest.domain.Columns.SOURCE_FILE;
import static io.k2.ingest.domain.Columns.SYMBOL;

import io.k2.ingest.domain.MarketTables;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;

/**
 * Builds the table records of one file: values the function sets and values that are the same on
 * every row sit in a template that each row copies (speed: a copy is one small array), the bound
 * fields are read into it, and accepted rows without a sequence number from the source get one;
 * sequence numbers the source gives are checked (see {@link SequenceOrder}).
 */
final class RecordAssembler {

  private final GenericRecord template;
  private final ColumnBinding[] bindings;
  private final int symbolPosition;
  private final int timestampPosition;
  private final int sequencePosition;
  private final SequenceNumbers sequenceNumbers;
  private final SequenceOrder sequenceOrder;

  /**
   * @param constants values every row of the file shares, by column name
   * @param bindings the fields read from each row
   * @param numberRows whether to number the rows, because the source has no sequence numbers
   */
  RecordAssembler(
      ParseContext context,
      Map<String, Object> constants,
      List<ColumnBinding> bindings,
      boolean numberRows) {
    Schema schema = MarketTables.schema(context.table());
    template = GenericRecord.create(schema);
    template.setField(INGESTION_TIMESTAMP, context.ingestionTime());
    template.setField(SOURCE_FILE, context.sourceFile());
    constants.forEach(template::setField);
    this.bindings = bindings.toArray(ColumnBinding[]::new);
    symbolPosition = TableColumns.position(schema, SYMBOL);
    timestampPosition = TableColumns.position(schema, EXCHANGE_TIMESTAMP);
    sequencePosition = TableColumns.position(schema, SEQUENCE_NUMBER);
    sequenceNumbers = numberRows ? new SequenceNumbers() : null;
    sequenceOrder = numberRows ? null : new SequenceOrder();
  }

  /**
   * The record of the current row, or null if one of its values was refused (and reported).
   *
   * @param timestamp the exchange timestamp when the layout does not bind it to one field
   * @param symbol the symbol when the layout does not bind it to a field
   * @throws FileRejectedException when the row's sequence number breaks the file's order
   */
  GenericRecord assemble(FieldReader reader, LocalDateTime timestamp, String symbol) {
    if (reader.failed()) {
      return null;
    }
    GenericRecord record = template.copy();
    if (timestamp != null) {
      record.set(timestampPosition, timestamp);
    }
    if (symbol != null) {
      record.set(symbolPosition, symbol);
    }
    for (ColumnBinding binding : bindings) {
      record.set(binding.position(), reader.read(binding));
    }
    if (reader.failed()) {
      return null;
    }
    String rowSymbol = (String) record.get(symbolPosition);
    LocalDate day = ((LocalDateTime) record.get(timestampPosition)).toLocalDate();
    if (sequenceNumbers != null) {
      record.set(sequencePosition, sequenceNumbers.next(rowSymbol, day));
    } else {
      sequenceOrder.check(rowSymbol, day, (Long) record.get(sequencePosition), reader.line());
    }
    return record;
  }
}
