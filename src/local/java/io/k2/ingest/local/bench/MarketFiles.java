package io.k2.ingest.local.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Invented trades and quotes for one symbol and trading day, as CSV with a header, deterministic
 * per (table, day, symbol), with the exact sums the tables must hold afterwards.
 */
final class MarketFiles {

  static final String TRADES_HEADER =
      "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,venue,buyer_id";
  static final String QUOTES_HEADER =
      "symbol,company_id,exchange,exchange_timestamp,bid_price,bid_volume,ask_price,ask_volume";
  private static final LocalTime OPEN = LocalTime.of(10, 0);
  private static final long SESSION_MICROS = 6L * 60 * 60 * 1_000_000;
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

  /** One file's text and what it adds to its table: rows, sum of prices, sum of volumes. */
  record File(String text, long rows, BigDecimal priceSum, long volumeSum) {}

  private MarketFiles() {}

  static String symbol(int index) {
    return "Z" + (char) ('A' + index / 26 % 26) + (char) ('A' + index % 26);
  }

  static File trades(LocalDate day, int symbolIndex, int rows) {
    Random random = new Random(day.toEpochDay() * 100_003L + symbolIndex);
    StringBuilder text = new StringBuilder(rows * 80).append(TRADES_HEADER).append('\n');
    BigDecimal prices = BigDecimal.ZERO;
    long volumes = 0;
    long price = 1_000_000L + symbolIndex * 10_000L; // in millionths
    for (int i = 0; i < rows; i++) {
      price = Math.max(1000, price + random.nextInt(2001) - 1000);
      BigDecimal exact = BigDecimal.valueOf(price, 6);
      long volume = 1 + random.nextInt(5000);
      text.append(symbol(symbolIndex))
          .append(',')
          .append(9000 + symbolIndex)
          .append(",ASX,")
          .append(time(day, i, rows))
          .append(',')
          .append(exact.toPlainString())
          .append(',')
          .append(volume)
          .append(",0,XASX,B")
          .append(random.nextInt(100))
          .append('\n');
      prices = prices.add(exact);
      volumes += volume;
    }
    return new File(text.toString(), rows, prices, volumes);
  }

  /** Quotes: the price sum is bid plus ask, the volume sum bid plus ask volumes. */
  static File quotes(LocalDate day, int symbolIndex, int rows) {
    Random random = new Random(day.toEpochDay() * 200_003L + symbolIndex);
    StringBuilder text = new StringBuilder(rows * 80).append(QUOTES_HEADER).append('\n');
    BigDecimal prices = BigDecimal.ZERO;
    long volumes = 0;
    long bid = 1_000_000L + symbolIndex * 10_000L;
    for (int i = 0; i < rows; i++) {
      bid = Math.max(1000, bid + random.nextInt(2001) - 1000);
      BigDecimal bidPrice = BigDecimal.valueOf(bid, 6);
      BigDecimal askPrice = BigDecimal.valueOf(bid + 500 + random.nextInt(2000), 6);
      long bidVolume = 1 + random.nextInt(9000);
      long askVolume = 1 + random.nextInt(9000);
      text.append(symbol(symbolIndex))
          .append(',')
          .append(9000 + symbolIndex)
          .append(",ASX,")
          .append(time(day, i, rows))
          .append(',')
          .append(bidPrice.toPlainString())
          .append(',')
          .append(bidVolume)
          .append(',')
          .append(askPrice.toPlainString())
          .append(',')
          .append(askVolume)
          .append('\n');
      prices = prices.add(bidPrice).add(askPrice);
      volumes += bidVolume + askVolume;
    }
    return new File(text.toString(), rows, prices, volumes);
  }

  /** Spread over the session in order; every symbol's rows interleave with the others'. */
  private static String time(LocalDate day, int i, int rows) {
    long micros = SESSION_MICROS * i / rows + (i % 7) * 1000L;
    return ISO.format(LocalDateTime.of(day, OPEN).plusNanos(micros * 1000));
  }
}
