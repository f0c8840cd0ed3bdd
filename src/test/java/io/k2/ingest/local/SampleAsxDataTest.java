package io.k2.ingest.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleAsxDataTest {

  @TempDir Path dir;

  @Test
  void writesTheSameBytesEveryTime() throws IOException {
    List<Path> first = SampleAsxData.write(dir.resolve("a"));
    List<Path> second = SampleAsxData.write(dir.resolve("b"));

    assertThat(first).hasSameSizeAs(second).hasSize(11);
    for (int i = 0; i < first.size(); i++) {
      assertThat(dir.resolve("a").relativize(first.get(i)))
          .isEqualTo(dir.resolve("b").relativize(second.get(i)));
      assertThat(Files.readAllBytes(first.get(i))).isEqualTo(Files.readAllBytes(second.get(i)));
    }
  }

  @Test
  void replacesWhateverWasInTheFolder() throws IOException {
    Files.createDirectories(dir.resolve("asx/trades"));
    Files.writeString(dir.resolve("asx/trades/1.csv"), "stale");

    SampleAsxData.write(dir);

    assertThat(dir.resolve("asx/trades/1.csv")).doesNotExist();
  }

  @Test
  void usesTheVendorsAsxLayout() throws IOException {
    SampleAsxData.write(dir);

    String trades = Files.readString(dir.resolve("asx/trades/4101.csv"));
    String quotes = Files.readString(dir.resolve("asx/quotes/4104.csv"));
    assertThat(trades).endsWith("\r\n").doesNotContain("\n\n");
    assertThat(lines(trades))
        .allMatch(
            l ->
                l.matches(
                    "\\d\\d/\\d\\d/2014,(1[0-5]):\\d\\d:\\d\\d\\.\\d{3},\\d+\\.\\d{1,4},[1-9]\\d*,\\d+,X?,(\\d{3})?"));
    assertThat(lines(quotes))
        .allMatch(
            l ->
                l.matches(
                    "\\d\\d/\\d\\d/2014,(1[0-5]):\\d\\d:\\d\\d\\.\\d{3},\\d+\\.\\d{1,4},\\d+\\.\\d{1,4},[1-9]\\d*,\\d+"));
    assertThat(lines(quotes)).anyMatch(l -> l.endsWith(",0.0," + l.split(",")[4] + ",0"));
    assertThat(lines(quotes)).anyMatch(l -> l.split(",")[2].split("\\.")[1].length() == 4);
  }

  @Test
  void looksLikeRealTrading() throws IOException {
    SampleAsxData.write(dir);

    List<String> trades = lines(Files.readString(dir.resolve("asx/trades/4102.csv")));
    List<String> times = trades.stream().map(l -> l.split(",")[0] + l.split(",")[1]).toList();
    assertThat(times).isSorted();
    assertThat(times.stream().distinct().count())
        .as("trades sharing a millisecond")
        .isLessThan(times.size());
    assertThat(trades).anyMatch(l -> l.contains(",X,")).anyMatch(l -> l.endsWith(",,"));
    assertThat(trades.stream().filter(l -> l.contains(",X,")).count())
        .isLessThan(trades.size() / 4);
    assertThat(trades.stream().map(l -> l.substring(0, 10)).distinct()).hasSize(3);
  }

  @Test
  void hasReferenceDataAHeaderCsvAndAFileToReject() throws IOException {
    SampleAsxData.write(dir);

    List<String> reference =
        lines(Files.readString(dir.resolve("asx/reference-data/company_info.csv")));
    List<String> headerCsv = lines(Files.readString(dir.resolve("trades/sample-trades.csv")));
    assertThat(reference.get(0))
        .isEqualTo("company_id,symbol,company_name,ISIN,start_date,end_date");
    assertThat(reference)
        .anyMatch(l -> l.startsWith("4101,SXI,"))
        .noneMatch(l -> l.startsWith("9999,"));
    assertThat(headerCsv.get(0))
        .isEqualTo(
            "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,venue,buyer_id");
    assertThat(headerCsv.get(1)).matches("SXI,4101,ASX,2014-03-13T1\\d:\\d\\d:\\d\\d\\.\\d{3},.*");
    assertThat(dir.resolve("asx/trades/9999.csv")).isNotEmptyFile();
  }

  @Test
  void isAFewThousandRows() throws IOException {
    SampleAsxData.write(dir);

    long rows;
    try (Stream<Path> files = Files.walk(dir)) {
      rows = files.filter(Files::isRegularFile).mapToLong(SampleAsxDataTest::lineCount).sum();
    }
    assertThat(rows).isBetween(3_000L, 6_000L);
  }

  private static long lineCount(Path file) {
    try {
      return lines(Files.readString(file)).size();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> lines(String text) {
    return new ArrayList<>(List.of(text.split("\r?\n")));
  }
}
