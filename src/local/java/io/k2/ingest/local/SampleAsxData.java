package io.k2.ingest.local;

import io.k2.ingest.local.SampleMarket.Company;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes invented market data in the vendor's ASX folder layout, the same every time (fixed seed):
 * reference data, headerless CRLF trade and quote files per company, one CSV-with-header trades
 * file, and one file that must be rejected (company 9999 is not in the reference data). About 4,500
 * rows. Companies, prices and volumes are made up.
 */
public final class SampleAsxData {

  static final long SEED = 20140310L;
  static final List<LocalDate> DAYS =
      List.of(LocalDate.of(2014, 3, 10), LocalDate.of(2014, 3, 11), LocalDate.of(2014, 3, 12));
  static final List<Company> COMPANIES =
      List.of(
          company(4101, "SXI", "Southern Cross Iron Ltd", "2003-07-01", "3.45", "0.01"),
          company(4102, "HBB", "Harbour Bridge Banking Corp Ltd", "1994-11-15", "28.90", "0.01"),
          company(4103, "GTE", "Gumtree Energy Ltd", "2009-02-02", "0.085", "0.001"),
          company(4104, "OBL", "Outback Lithium Ltd", "2011-09-19", "1.2350", "0.0005"));

  /** Listed once, delisted since: in the reference data, with no trading. */
  static final Company DELISTED =
      company(4105, "CSP", "Coral Sea Pharmaceuticals Ltd", "1999-04-12", "12.10", "0.01");

  static final int UNKNOWN_COMPANY_ID = 9999;

  private static final String CRLF = "\r\n";

  private SampleAsxData() {}

  /** Replaces {@code dir} with a fresh copy of the sample; returns the files written. */
  public static List<Path> write(Path dir) {
    try {
      deleteRecursively(dir);
      List<Path> files = new ArrayList<>();
      files.add(write(dir.resolve("asx/reference-data/company_info.csv"), referenceData(), CRLF));
      for (Company company : COMPANIES) {
        files.add(
            write(dir.resolve("asx/trades/" + company.id() + ".csv"), asx(company, true), CRLF));
        files.add(
            write(dir.resolve("asx/quotes/" + company.id() + ".csv"), asx(company, false), CRLF));
      }
      files.add(write(dir.resolve("trades/sample-trades.csv"), headerCsvTrades(), "\n"));
      Company unknown = company(UNKNOWN_COMPANY_ID, "ZZZ", "Unknown", "2000-01-01", "1.00", "0.01");
      files.add(
          write(
              dir.resolve("asx/trades/" + UNKNOWN_COMPANY_ID + ".csv"), asx(unknown, true), CRLF));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the sample data to " + dir, e);
    }
  }

  static List<String> referenceData() {
    List<String> lines = new ArrayList<>();
    lines.add("company_id,symbol,company_name,ISIN,start_date,end_date");
    for (Company c : COMPANIES) {
      lines.add(reference(c, ""));
    }
    lines.add(reference(DELISTED, SampleMarket.ASX_DATE.format(LocalDate.of(2012, 8, 31))));
    return lines;
  }

  private static String reference(Company c, String delisted) {
    String listed = SampleMarket.ASX_DATE.format(c.listed());
    return SampleMarket.csv(
        c.id(), c.symbol(), c.name(), Isin.australian(c.symbol()), listed, delisted);
  }

  /** Three days of trades (or quotes), busier for dearer stocks. */
  static List<String> asx(Company company, boolean trades) {
    List<String> lines = new ArrayList<>();
    for (int day = 0; day < DAYS.size(); day++) {
      SampleMarket market = new SampleMarket(company, day, trades ? SEED : SEED + 1);
      int count = company.openingPrice().compareTo(BigDecimal.ONE) < 0 ? 70 : 150 + 10 * day;
      lines.addAll(
          trades
              ? market.trades(DAYS.get(day), count)
              : market.quotes(DAYS.get(day), count + count / 3));
    }
    return lines;
  }

  /** The header layout any exchange can use: one row per trade, ISO local timestamps. */
  static List<String> headerCsvTrades() {
    List<String> lines = new ArrayList<>();
    lines.add(
        "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,venue,buyer_id");
    LocalDate day = LocalDate.of(2014, 3, 13);
    for (Company company : COMPANIES.subList(0, 2)) {
      for (String asx : new SampleMarket(company, 3, SEED + 2).trades(day, 60)) {
        String[] f = asx.split(",", -1);
        String timestamp = day + "T" + f[1];
        lines.add(
            SampleMarket.csv(
                company.symbol(), company.id(), "ASX", timestamp, f[2], f[3], f[4], f[5], f[6]));
      }
    }
    return lines;
  }

  private static Path write(Path file, List<String> lines, String newline) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join(newline, lines) + newline, StandardCharsets.UTF_8);
    return file;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static Company company(
      int id, String symbol, String name, String listed, String price, String tick) {
    return new Company(
        id, symbol, name, LocalDate.parse(listed), new BigDecimal(price), new BigDecimal(tick));
  }
}
