package io.k2.ingest.support;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.data.Record;

/**
 * Exact sums, never through {@code double}: of a column read back through Iceberg, and of a field
 * taken straight from a headerless vendor file, so a test can say nothing was lost or rounded.
 */
public final class ExactSums {

  private ExactSums() {}

  /** The sum of a decimal or long column over {@code rows}. */
  public static BigDecimal of(List<Record> rows, String column) {
    return rows.stream()
        .map(
            r ->
                r.getField(column) instanceof Long l
                    ? BigDecimal.valueOf(l)
                    : (BigDecimal) r.getField(column))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The sum of field {@code field} (from 0) over the lines of a headerless CSV file. */
  public static BigDecimal ofField(Path file, int field) throws IOException {
    BigDecimal sum = BigDecimal.ZERO;
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        sum = sum.add(new BigDecimal(line.split(",", -1)[field].trim()));
      }
    }
    return sum;
  }
}
