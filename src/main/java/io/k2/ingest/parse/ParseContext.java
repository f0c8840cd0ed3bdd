package io.k2.ingest.parse;

import io.k2.ingest.domain.MarketTable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a parser needs beyond the text: the target table, values the function sets on every row, and
 * (for the headerless ASX layout) the company the file belongs to.
 *
 * @param sourceFile the landed object as {@code s3://bucket/key}
 * @param company the company named by the file, or null for layouts that carry it per row
 */
public record ParseContext(
    MarketTable table, String sourceFile, OffsetDateTime ingestionTime, Company company) {

  /**
   * A listed company: the vendor's numeric id and its listings, which give its ticker symbol by
   * trading day (a company changes symbol, is delisted, or relisted).
   *
   * @param source where the listings come from, for messages (the reference data file)
   */
  public record Company(int id, List<Listing> listings, String source) {

    public Company {
      listings = List.copyOf(listings);
    }

    /** A company listed under one symbol on every day. */
    public Company(int id, String symbol) {
      this(id, List.of(new Listing(symbol, null, null, 0)), "the parse context");
    }
  }

  /**
   * One listing of a company: its symbol from {@code start} to {@code end}, both inclusive.
   *
   * @param symbol the ticker, blank when the reference data gives none
   * @param start the first day, or null for no bound
   * @param end the last day, or null while still listed
   * @param line where the reference data says so
   */
  public record Listing(String symbol, LocalDate start, LocalDate end, long line) {

    public boolean covers(LocalDate day) {
      return (start == null || !day.isBefore(start)) && (end == null || !day.isAfter(end));
    }
  }
}
