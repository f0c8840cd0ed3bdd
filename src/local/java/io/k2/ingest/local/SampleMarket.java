package io.k2.ingest.local;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Invented trading for one company on one day, in the vendor's ASX layout: a random walk on the
 * price tick grid between 10:00 and 16:00, with bursts of trades in the same millisecond, mostly
 * empty venue and buyer, and now and then a one-sided quote (ask {@code 0.0}, ask volume 0).
 */
final class SampleMarket {

  static final DateTimeFormatter ASX_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
  static final DateTimeFormatter ASX_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private static final LocalTime OPEN = LocalTime.of(10, 0);
  private static final long SESSION_MILLIS = 6 * 60 * 60 * 1000L;

  /** A listed company and where its price starts; {@code tick} is its price step. */
  record Company(
      int id,
      String symbol,
      String name,
      LocalDate listed,
      BigDecimal openingPrice,
      BigDecimal tick) {}

  private final Company company;
  private final Random random;
  private BigDecimal price;

  /** Seeded per company and day, so each file is the same whatever else is generated. */
  SampleMarket(Company company, int dayIndex, long seed) {
    this.company = company;
    this.random = new Random(seed * 31 + company.id() * 1_000L + dayIndex);
    this.price = company.openingPrice();
  }

  /** {@code count} trades: {@code date,time,price,volume,qualifiers,venue,buyer_id}. */
  List<String> trades(LocalDate day, int count) {
    List<String> lines = new ArrayList<>();
    for (LocalTime time : times(count)) {
      walk();
      String venue = random.nextInt(100) < 12 ? "X" : "";
      String buyer = random.nextInt(100) < 5 ? String.valueOf(101 + random.nextInt(300)) : "";
      lines.add(csv(when(day, time), format(price), volume(), qualifiers(), venue, buyer));
    }
    return lines;
  }

  /** {@code count} quotes: {@code date,time,bid,ask,bid_volume,ask_volume}. */
  List<String> quotes(LocalDate day, int count) {
    List<String> lines = new ArrayList<>();
    for (LocalTime time : times(count)) {
      walk();
      BigDecimal bid = price.subtract(company.tick()).max(company.tick());
      BigDecimal ask = bid.add(company.tick().multiply(BigDecimal.valueOf(1 + random.nextInt(3))));
      long bidVolume = volume();
      boolean oneSided = random.nextInt(100) < 3;
      String askPrice = oneSided ? "0.0" : format(ask);
      long askVolume = oneSided ? 0 : volume();
      lines.add(csv(when(day, time), format(bid), askPrice, bidVolume, askVolume));
    }
    return lines;
  }

  private static String when(LocalDate day, LocalTime time) {
    return ASX_DATE.format(day) + "," + ASX_TIME.format(time);
  }

  /** One CSV line; the sample's values never need quoting. */
  static String csv(Object... fields) {
    return Stream.of(fields).map(String::valueOf).collect(Collectors.joining(","));
  }

  /** Ascending times in the session; about one in five repeats the previous millisecond. */
  private List<LocalTime> times(int count) {
    List<LocalTime> times = new ArrayList<>(count);
    // One time in five is not advanced, so the gaps are longer to still reach the close.
    long meanGap = SESSION_MILLIS * 5 / (count * 4L);
    long at = random.nextInt((int) meanGap);
    for (int i = 0; i < count && at < SESSION_MILLIS; i++) {
      times.add(OPEN.plusNanos(at * 1_000_000L));
      if (random.nextInt(100) >= 20) {
        at += 1 + (long) (-Math.log(1 - random.nextDouble()) * meanGap);
      }
    }
    return times;
  }

  /** Mostly unchanged, sometimes a tick or two either way, never below one tick. */
  private void walk() {
    int roll = random.nextInt(100);
    int ticks = roll < 60 ? 0 : roll < 95 ? 1 : 2;
    BigDecimal step =
        company.tick().multiply(BigDecimal.valueOf(random.nextBoolean() ? ticks : -ticks));
    price = price.add(step).max(company.tick());
  }

  /** Round lots mostly, a few odd lots and a few blocks. */
  private long volume() {
    int roll = random.nextInt(100);
    if (roll < 10) {
      return 1 + random.nextInt(99);
    }
    if (roll < 95) {
      return 100L * (1 + random.nextInt(50));
    }
    return 10_000L * (1 + random.nextInt(10));
  }

  private int qualifiers() {
    int roll = random.nextInt(100);
    return roll < 85 ? 0 : roll < 95 ? 1 : 16;
  }

  /** At most the tick's decimals (up to 4), trailing zeros dropped but one decimal kept. */
  static String format(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped
        .setScale(Math.max(1, stripped.scale()), RoundingMode.UNNECESSARY)
        .toPlainString();
  }
}
