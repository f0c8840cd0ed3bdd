package io.k2.ingest.parse;

import io.k2.ingest.domain.MarketTable;
import java.time.OffsetDateTime;

/**
 * What a parser needs beyond the text: the target table, values the function sets on every row,
 * and (for the headerless ASX layout) the company the file belongs to.
 *
 * @param sourceFile the landed object as {@code s3://bucket/key}
 * @param company the company named by the file, or null for layouts that carry it per row
 */
public record ParseContext(
    MarketTable table, String sourceFile, OffsetDateTime ingestionTime, Company company) {

  /** A listed company: the vendor's numeric id and its ticker symbol. */
  public record Company(int id, String symbol) {}
}
