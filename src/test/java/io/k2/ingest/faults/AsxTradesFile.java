package io.k2.ingest.faults;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A generated ASX trades file for company 7078 (BHP), large enough to span many TCP segments, with
 * the rows the table must hold once it is landed. The first half of the rows trade on 2014-03-10,
 * the second half on 2014-03-11, so the object becomes (at least) two data files.
 */
final class AsxTradesFile {

  static final String KEY = "asx/trades/7078.csv";

  private final byte[] content;
  private final List<String> expectedRows;
  private final BigDecimal priceSum;
  private final long volumeSum;

  private AsxTradesFile(
      byte[] content, List<String> expectedRows, BigDecimal priceSum, long volumeSum) {
    this.content = content;
    this.expectedRows = expectedRows;
    this.priceSum = priceSum;
    this.volumeSum = volumeSum;
  }

  /** {@code rows} trades; about 45 bytes each. */
  static AsxTradesFile of(int rows) {
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    BigDecimal priceSum = BigDecimal.ZERO;
    long volumeSum = 0;
    long sequence = 0;
    for (int i = 0; i < rows; i++) {
      int day = i < rows / 2 ? 10 : 11;
      sequence = i == rows / 2 ? 1 : sequence + 1;
      // Not in time order: sequence numbers follow the file, the table sorts by time.
      LocalDateTime time =
          LocalDateTime.of(2014, 3, day, 10, 0).plusNanos(((i * 7_919L) % 3_600_000L) * 1_000_000L);
      BigDecimal price = new BigDecimal(30_000 + (i * 37) % 10_000).movePointLeft(3);
      long volume = 1 + (i * 7_919L) % 50_000;
      int qualifiers = i % 4;
      text.append(
          String.format(
              Locale.ROOT,
              "03/%d/2014,%02d:%02d:%02d.%03d,%s,%d,%d,,\r\n",
              day,
              time.getHour(),
              time.getMinute(),
              time.getSecond(),
              time.getNano() / 1_000_000,
              price.toPlainString(),
              volume,
              qualifiers));
      expected.add(row(time, price.setScale(6), volume, qualifiers, sequence));
      priceSum = priceSum.add(price);
      volumeSum += volume;
    }
    return new AsxTradesFile(
        text.toString().getBytes(StandardCharsets.US_ASCII),
        List.copyOf(expected),
        priceSum,
        volumeSum);
  }

  /** A row as the tests compare them: time, price, volume, qualifiers and sequence number. */
  static String row(Object time, Object price, Object volume, Object qualifiers, Object sequence) {
    return time + " " + price + " " + volume + " " + qualifiers + " " + sequence;
  }

  byte[] content() {
    return content.clone();
  }

  int size() {
    return content.length;
  }

  List<String> expectedRows() {
    return expectedRows;
  }

  BigDecimal priceSum() {
    return priceSum;
  }

  long volumeSum() {
    return volumeSum;
  }
}
