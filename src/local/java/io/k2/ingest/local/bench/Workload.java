package io.k2.ingest.local.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A benchmark workload on disk, laid out like the vendor's ASX folder ({@code trades/<id>.csv} and
 * {@code reference-data/company_info.csv}), as the peers' benchmark defines it:
 *
 * <ul>
 *   <li><b>W1</b>: the real {@code trades/7078.csv} (BHP), 91,631 rows;
 *   <li><b>W2</b>: 110 copies of it under company ids 100001..100110, copy {@code k} with price +
 *       {@code k} cents and time + {@code k} ms, exactly as the peers' {@code scale-trades.sh}
 *       writes them (byte for byte), with a matching {@code company_info.csv}: 10,079,410 rows.
 * </ul>
 *
 * <p>Files are made once in the scratch folder and reused while their row count is right.
 *
 * @param name {@code w1}, {@code w2} or {@code w3}
 * @param dir the workload's folder
 * @param trades the trades files, by company id
 * @param companyInfo the matching reference data
 * @param rows data rows over all trades files (the files have no header)
 * @param bytes CSV bytes over all trades files
 */
public record Workload(
    String name, Path dir, List<Path> trades, Path companyInfo, long rows, long bytes) {

  /** The peers' figures: a workload with any other row count is not the one they measured. */
  private static final long W1_ROWS = 91_631;

  private static final long W2_ROWS = 10_079_410;
  private static final int W2_COPIES = 110;
  private static final int W2_FIRST_ID = 100_001;
  private static final long W3_ROWS = 25_381_787;
  private static final int W3_COPIES = 277;
  private static final String SOURCE = "trades/7078.csv";
  private static final String COMPANY_INFO = "reference-data/company_info.csv";

  public Workload {
    trades = List.copyOf(trades);
  }

  /** Makes (or finds) workload {@code name} under {@code scratch/workloads/}, from the sample. */
  public static Workload prepare(String name, Path sampleData, Path scratch) {
    Path dir = scratch.resolve("workloads").resolve(name);
    Path source = sampleData.resolve(SOURCE);
    if (!Files.isRegularFile(source)) {
      throw new IllegalArgumentException("No " + SOURCE + " under --data " + sampleData);
    }
    try {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "w1" -> w1(dir, sampleData, source);
        case "w2" -> w2(dir, source);
        case "w3" -> w3(dir, source);
        default -> throw new IllegalArgumentException("Unknown workload '" + name + "': w1-w3");
      };
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare workload " + name + " in " + dir, e);
    }
  }

  private static Workload w1(Path dir, Path sampleData, Path source) throws IOException {
    Path trades = dir.resolve(SOURCE);
    Path info = dir.resolve(COMPANY_INFO);
    Files.createDirectories(trades.getParent());
    Files.createDirectories(info.getParent());
    Files.copy(source, trades, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(sampleData.resolve(COMPANY_INFO), info, StandardCopyOption.REPLACE_EXISTING);
    return verified("w1", dir, List.of(trades), info, W1_ROWS);
  }

  private static Workload w2(Path dir, Path source) throws IOException {
    List<Path> trades = new ArrayList<>();
    for (int k = 0; k < W2_COPIES; k++) {
      trades.add(dir.resolve("trades").resolve((W2_FIRST_ID + k) + ".csv"));
    }
    Path info = dir.resolve(COMPANY_INFO);
    boolean complete = Files.isRegularFile(info) && trades.stream().allMatch(Files::isRegularFile);
    if (!complete || countRows(trades) != W2_ROWS) {
      System.err.printf(
          "workload: generating w2 (%d copies of %s) in %s%n", W2_COPIES, source, dir);
      ScaledTrades.write(source, dir, W2_COPIES, W2_FIRST_ID);
    }
    return verified("w2", dir, trades, info, W2_ROWS);
  }

  private static Workload w3(Path dir, Path source) throws IOException {
    Path trades = dir.resolve("trades").resolve(W2_FIRST_ID + ".csv");
    Path info = dir.resolve(COMPANY_INFO);
    if (!Files.isRegularFile(info) || countRows(List.of(trades)) != W3_ROWS) {
      System.err.printf(
          "workload: generating w3 (%d copies of %s in one file) in %s%n", W3_COPIES, source, dir);
      ScaledTrades.writeOneFile(source, dir, W3_COPIES, W2_FIRST_ID);
    }
    return verified("w3", dir, List.of(trades), info, W3_ROWS);
  }

  private static Workload verified(
      String name, Path dir, List<Path> trades, Path info, long expectedRows) throws IOException {
    long rows = countRows(trades);
    if (rows != expectedRows) {
      throw new IllegalStateException(
          "Workload " + name + " has " + rows + " rows, expected " + expectedRows + " in " + dir);
    }
    long bytes = 0;
    for (Path file : trades) {
      bytes += Files.size(file);
    }
    return new Workload(name, dir, trades, info, rows, bytes);
  }

  /** Lines (newline bytes) over all files: the files are headerless, one row per line. */
  static long countRows(List<Path> files) throws IOException {
    long lines = 0;
    byte[] chunk = new byte[1 << 16];
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        return -1;
      }
      try (InputStream in = Files.newInputStream(file)) {
        for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
          for (int i = 0; i < n; i++) {
            if (chunk[i] == '\n') {
              lines++;
            }
          }
        }
      }
    }
    return lines;
  }

  /** The Java twin of the peers' {@code scale-trades.sh}; the output is byte-identical. */
  static final class ScaledTrades {

    private static final int MILLIS_PER_DAY = 86_400_000;

    private ScaledTrades() {}

    static void write(Path source, Path out, int copies, int firstId) throws IOException {
      // Records end at \n only, as in awk: a CRLF file keeps its \r in the last field.
      List<String> lines = List.of(Files.readString(source, StandardCharsets.US_ASCII).split("\n"));
      Files.createDirectories(out.resolve("trades"));
      Files.createDirectories(out.resolve("reference-data"));
      StringBuilder info =
          new StringBuilder("company_id,symbol,company_name,ISIN,start_date,end_date\n");
      for (int k = 0; k < copies; k++) {
        int id = firstId + k;
        info.append(id).append(",S").append(id).append(",SCALED COPY ").append(k).append(",,,\n");
        Path file = out.resolve("trades").resolve(id + ".csv");
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
          for (int n = 0; n < lines.size(); n++) {
            writer.write(shifted(lines.get(n), k, source + ":" + (n + 1)));
            writer.write('\n');
          }
        }
      }
      Files.writeString(out.resolve(COMPANY_INFO), info, StandardCharsets.US_ASCII);
    }

    /** All copies one after another in {@code trades/<id>.csv}, under the one company id. */
    static void writeOneFile(Path source, Path out, int copies, int id) throws IOException {
      List<String> lines = List.of(Files.readString(source, StandardCharsets.US_ASCII).split("\n"));
      Files.createDirectories(out.resolve("trades"));
      Files.createDirectories(out.resolve("reference-data"));
      Path file = out.resolve("trades").resolve(id + ".csv");
      try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
        for (int k = 0; k < copies; k++) {
          for (int n = 0; n < lines.size(); n++) {
            writer.write(shifted(lines.get(n), k, source + ":" + (n + 1)));
            writer.write('\n');
          }
        }
      }
      Files.writeString(
          out.resolve(COMPANY_INFO),
          "company_id,symbol,company_name,ISIN,start_date,end_date\n"
              + id
              + ",S"
              + id
              + ",ONE LARGE FILE,,,\n",
          StandardCharsets.US_ASCII);
    }

    /** One row of copy {@code k}: time + k ms, price + k cents; the other fields as they are. */
    static String shifted(String line, int k, String where) {
      String[] f = line.split(",", -1);
      String[] t = f[1].split("[:.]");
      int ms =
          ((Integer.parseInt(t[0]) * 60 + Integer.parseInt(t[1])) * 60 + Integer.parseInt(t[2]))
                  * 1000
              + Integer.parseInt(t[3])
              + k;
      if (ms >= MILLIS_PER_DAY) {
        throw new IllegalStateException("time wraps past midnight: " + where);
      }
      f[1] =
          pad(ms / 3_600_000, 2)
              + ":"
              + pad(ms / 60_000 % 60, 2)
              + ":"
              + pad(ms / 1000 % 60, 2)
              + "."
              + pad(ms % 1000, 3);
      // Exact integer thousandths, never a double: source prices have at most 3 decimals.
      int dot = f[2].indexOf('.');
      String whole = dot < 0 ? f[2] : f[2].substring(0, dot);
      String frac = dot < 0 ? "" : f[2].substring(dot + 1);
      if (frac.length() > 3) {
        throw new IllegalStateException("price has more than 3 decimals: " + where);
      }
      long milli = Long.parseLong(whole) * 1000 + Long.parseLong((frac + "000").substring(0, 3));
      milli += k * 10L;
      f[2] = (milli / 1000) + "." + pad(milli % 1000, 3);
      return String.join(",", f);
    }

    private static String pad(long value, int width) {
      String digits = Long.toString(value);
      return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
  }
}
