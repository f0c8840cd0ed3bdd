package io.k2.ingest.source;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.k2.ingest.parse.ParseContext.Listing;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the ASX reference data ({@code company_info.csv}) as the vendor, or a spreadsheet that
 * saved it, writes it: a byte order mark, CRLF or LF, blank lines and lines of only separators
 * (Excel's {@code ,,,,,}), and header names in any case are all accepted. Only {@code company_id},
 * {@code symbol}, {@code start_date} and {@code end_date} are read; dates are {@code MM/DD/YYYY}
 * (one-digit month and day too), an empty start or end leaves the listing open on that side.
 *
 * <p>Anything else is one {@link ReferenceDataMalformedException} naming the file, the line and the
 * problem. An empty symbol is not malformed: it is reported for the rows that would need it.
 */
final class ReferenceDataParser {

  static final String COMPANY_ID = "company_id";
  static final String SYMBOL = "symbol";
  static final String START_DATE = "start_date";
  static final String END_DATE = "end_date";
  private static final List<String> REQUIRED = List.of(COMPANY_ID, SYMBOL, START_DATE, END_DATE);
  private static final char BOM = '\uFEFF';

  private final String location;
  private long lastLine;

  /**
   * @param location the reference file, as messages name it
   */
  ReferenceDataParser(String location) {
    this.location = location;
  }

  /** The listings of every company, by company id, in file order. */
  Map<Integer, List<Listing>> parse(InputStream bytes) throws IOException {
    // Only ids, symbols and dates are used; a company name in another encoding must not stop them.
    Reader text =
        new InputStreamReader(
            bytes,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    Map<Integer, List<Listing>> listings = new HashMap<>();
    try (CsvReader<CsvRecord> csv =
        CsvReader.builder()
            .allowExtraFields(true)
            .allowMissingFields(true)
            .skipEmptyLines(true)
            .ofCsvRecord(text)) {
      int[] columns = null;
      int width = 0;
      for (CsvRecord record : csv) {
        long line = record.getStartingLineNumber();
        lastLine = line;
        if (isBlank(record)) {
          continue;
        }
        if (columns == null) {
          columns = header(record);
          width = record.getFieldCount();
          continue;
        }
        if (record.getFieldCount() != width) {
          throw malformed(line, "expected " + width + " fields, found " + record.getFieldCount());
        }
        int companyId = companyId(record.getField(columns[0]), line);
        String symbol = record.getField(columns[1]).strip();
        if (symbol.indexOf('\uFFFD') >= 0) {
          throw malformed(line, "symbol '" + symbol + "' is not UTF-8 text");
        }
        LocalDate start = date(record.getField(columns[2]), START_DATE, line);
        LocalDate end = date(record.getField(columns[3]), END_DATE, line);
        if (start != null && end != null && start.isAfter(end)) {
          throw malformed(line, "start_date " + start + " is after end_date " + end);
        }
        listings
            .computeIfAbsent(companyId, id -> new ArrayList<>())
            .add(new Listing(symbol, start, end, line));
      }
      if (columns == null) {
        throw malformed(1, "empty file: no header");
      }
    } catch (CsvParseException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof IOException io) {
        throw io;
      }
      throw malformed(lastLine + 1, "not CSV: " + cause.getMessage());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    listings.replaceAll((id, list) -> List.copyOf(list));
    return Map.copyOf(listings);
  }

  /** The positions of the required columns, in {@link #REQUIRED} order. */
  private int[] header(CsvRecord record) {
    int[] columns = {-1, -1, -1, -1};
    for (int field = 0; field < record.getFieldCount(); field++) {
      String name = record.getField(field);
      if (field == 0 && !name.isEmpty() && name.charAt(0) == BOM) {
        name = name.substring(1);
      }
      int required = REQUIRED.indexOf(name.strip().toLowerCase(Locale.ROOT));
      if (required >= 0) {
        if (columns[required] >= 0) {
          throw malformed(
              record.getStartingLineNumber(),
              "column " + REQUIRED.get(required) + " appears twice in the header");
        }
        columns[required] = field;
      }
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      if (columns[i] < 0) {
        missing.add(REQUIRED.get(i));
      }
    }
    if (!missing.isEmpty()) {
      throw malformed(
          record.getStartingLineNumber(),
          "the header lacks " + missing + " (it has " + record.getFields() + ")");
    }
    return columns;
  }

  private int companyId(String text, long line) {
    String id = text.strip();
    boolean digits = !id.isEmpty() && id.length() <= 10;
    for (int i = 0; digits && i < id.length(); i++) {
      digits = id.charAt(i) >= '0' && id.charAt(i) <= '9';
    }
    long value = digits ? Long.parseLong(id) : 0;
    if (value < 1 || value > Integer.MAX_VALUE) {
      throw malformed(
          line, "company_id '" + text + "' is not a whole number from 1 to " + Integer.MAX_VALUE);
    }
    return (int) value;
  }

  /** {@code MM/DD/YYYY} (or {@code M/D/YYYY}); empty is no bound. */
  private LocalDate date(String text, String column, long line) {
    String date = text.strip();
    if (date.isEmpty()) {
      return null;
    }
    String[] parts = date.split("/", -1);
    if (parts.length == 3
        && isNumber(parts[0], 1, 2)
        && isNumber(parts[1], 1, 2)
        && isNumber(parts[2], 4, 4)) {
      try {
        return LocalDate.of(
            Integer.parseInt(parts[2]), Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
      } catch (DateTimeException e) {
        // reported below
      }
    }
    throw malformed(line, column + " '" + text + "' is not a date MM/DD/YYYY");
  }

  private static boolean isNumber(String text, int minDigits, int maxDigits) {
    if (text.length() < minDigits || text.length() > maxDigits) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** A line of nothing but whitespace and separators, a BOM included. */
  private static boolean isBlank(CsvRecord record) {
    for (String field : record.getFields()) {
      if (!field.isBlank() && !(field.length() == 1 && field.charAt(0) == BOM)) {
        return false;
      }
    }
    return true;
  }

  private ReferenceDataMalformedException malformed(long line, String problem) {
    return new ReferenceDataMalformedException(location, line, problem);
  }
}
