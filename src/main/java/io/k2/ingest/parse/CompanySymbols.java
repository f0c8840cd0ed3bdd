package io.k2.ingest.parse;

import static io.k2.ingest.domain.Columns.EXCHANGE_TIMESTAMP;
import static io.k2.ingest.domain.Columns.SYMBOL;

import io.k2.ingest.parse.ParseContext.Company;
import io.k2.ingest.parse.ParseContext.Listing;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A company's symbol by trading day, from its listings. A day no listing covers, a listing without
 * a symbol, or two listings with different symbols on one day refuse the row, with a reason that
 * names the reference data and its lines. The last day's answer is kept (speed: rows come in runs
 * of one day).
 */
final class CompanySymbols {

  private final Company company;
  private LocalDate lastDay;
  private String symbol;
  private RowError refusal;

  CompanySymbols(Company company) {
    this.company = company;
  }

  /**
   * The symbol on the row's day, or null after refusing the row through {@code reader}.
   *
   * @param dateField the row's date field, named when no listing covers the day
   */
  String on(LocalDate day, FieldReader reader, int dateField) {
    if (!day.equals(lastDay)) {
      resolve(day);
      lastDay = day;
    }
    if (symbol == null) {
      reader.refuse(
          refusal.column(),
          refusal.column().equals(EXCHANGE_TIMESTAMP)
              ? reader.fieldText(dateField)
              : refusal.value(),
          refusal.reason());
    }
    return symbol;
  }

  private void resolve(LocalDate day) {
    symbol = null;
    refusal = null;
    Map<String, Listing> symbols = new LinkedHashMap<>();
    for (Listing listing : company.listings()) {
      if (listing.covers(day)) {
        symbols.putIfAbsent(listing.symbol().strip(), listing);
      }
    }
    if (symbols.isEmpty()) {
      refusal =
          refusal(
              EXCHANGE_TIMESTAMP,
              null,
              ParseMessages.NOT_LISTED.formatted(company.id(), day, company.source(), ranges()));
    } else if (symbols.size() > 1) {
      String which =
          symbols.entrySet().stream()
              .map(
                  e ->
                      (e.getKey().isEmpty() ? "(none)" : e.getKey())
                          + " line "
                          + e.getValue().line())
              .collect(Collectors.joining(", "));
      refusal =
          refusal(
              SYMBOL,
              null,
              ParseMessages.SEVERAL_SYMBOLS.formatted(company.id(), day, company.source(), which));
    } else if (symbols.keySet().iterator().next().isEmpty()) {
      Listing listing = symbols.values().iterator().next();
      refusal =
          refusal(
              SYMBOL,
              listing.symbol(),
              ParseMessages.NO_SYMBOL.formatted(
                  company.id(), day, company.source(), listing.line()));
    } else {
      symbol = symbols.keySet().iterator().next();
    }
  }

  private String ranges() {
    List<String> ranges = new ArrayList<>();
    for (Listing listing : company.listings()) {
      ranges.add(
          (listing.start() == null ? "any day" : listing.start().toString())
              + " to "
              + (listing.end() == null ? "now" : listing.end().toString())
              + " (line "
              + listing.line()
              + ")");
    }
    return String.join(", ", ranges);
  }

  private static RowError refusal(String column, String value, String reason) {
    return new RowError(0, column, value, reason);
  }
}
