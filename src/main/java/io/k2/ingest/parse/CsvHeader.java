package io.k2.ingest.parse;

import static io.k2.ingest.parse.ParseMessages.names;

import io.k2.ingest.domain.Columns;
import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.domain.MarketTables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;

/**
 * A CSV header matched against a table: names are compared without case and surrounding whitespace,
 * in any order. A header that does not fit rejects the file, naming every problem at once: columns
 * the function sets, duplicated, unknown and missing required columns.
 *
 * @param bindings one per column, in file order
 * @param hasSequenceNumber whether the file gives the sequence numbers itself
 */
record CsvHeader(List<ColumnBinding> bindings, boolean hasSequenceNumber) {

  /** Matches the header row against the table, or throws {@link FileRejectedException}. */
  static CsvHeader match(MarketTable table, RowFields header) {
    Schema schema = MarketTables.schema(table);
    Map<String, ColumnKind> known = TableColumns.fileColumns(table);
    List<ColumnBinding> bindings = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> functionSet = new LinkedHashSet<>();
    Set<String> duplicated = new LinkedHashSet<>();
    Set<String> unknown = new LinkedHashSet<>();
    for (int field = 0; field < header.count(); field++) {
      String name = header.text(field).strip().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        throw new FileRejectedException(
            ParseMessages.EMPTY_COLUMN_NAME.formatted(header.line(), field + 1));
      }
      if (!seen.add(name)) {
        duplicated.add(name);
      } else if (TableColumns.FUNCTION_SET.contains(name)) {
        functionSet.add(name);
      } else if (!known.containsKey(name)) {
        unknown.add(name);
      } else {
        bindings.add(
            new ColumnBinding(field, name, Columns.position(schema, name), known.get(name)));
      }
    }
    List<String> missing = new ArrayList<>();
    for (String column : known.keySet()) {
      if (!seen.contains(column) && TableColumns.isRequired(table, column)) {
        missing.add(column);
      }
    }
    List<String> problems = new ArrayList<>();
    if (!functionSet.isEmpty()) {
      problems.add(ParseMessages.FUNCTION_SET_COLUMNS.formatted(names(List.copyOf(functionSet))));
    }
    if (!duplicated.isEmpty()) {
      problems.add(ParseMessages.DUPLICATED_COLUMNS.formatted(names(List.copyOf(duplicated))));
    }
    if (!unknown.isEmpty()) {
      problems.add(
          ParseMessages.UNKNOWN_COLUMNS.formatted(
              names(List.copyOf(unknown)), names(List.copyOf(known.keySet()))));
    }
    if (!missing.isEmpty()) {
      problems.add(ParseMessages.MISSING_COLUMNS.formatted(names(missing)));
    }
    if (!problems.isEmpty()) {
      throw new FileRejectedException(
          ParseMessages.HEADER_AT.formatted(header.line()) + String.join("; ", problems));
    }
    return new CsvHeader(List.copyOf(bindings), seen.contains(Columns.SEQUENCE_NUMBER));
  }
}
