package io.k2.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k2.ingest.config.K2Config.Layout;
import io.k2.ingest.domain.MarketTable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vendor's real sample files, read in place (they stay out of this repository). Only this test
 * depends on them, and it is skipped where they are absent.
 */
class AsxSampleTest {

  private static final Path SAMPLE = Path.of("/work/shared/data/asx-sample");

  @ParameterizedTest
  @CsvSource({
    "TRADES, trades/3153.csv, 3153, MWR, 11",
    "TRADES, trades/7078.csv, 7078, BHP, 91631",
    "TRADES, trades/7181.csv, 7181, DVN, 232",
    "QUOTES, quotes/3153.csv, 3153, MWR, 60",
    "QUOTES, quotes/7078.csv, 7078, BHP, 77849",
    "QUOTES, quotes/7181.csv, 7181, DVN, 549",
  })
  void sampleFileParsesWithoutErrors(
      MarketTable table, String file, int companyId, String symbol, int expectedRows)
      throws IOException {
    assumeTrue(Files.isDirectory(SAMPLE), "the ASX sample data is not on this machine");
    ParseContext context =
        new ParseContext(
            table,
            "s3://landing/asx/" + file,
            OffsetDateTime.now(),
            new ParseContext.Company(companyId, symbol));
    CollectingSink sink = new CollectingSink();

    try (Reader text = Files.newBufferedReader(SAMPLE.resolve(file), StandardCharsets.UTF_8)) {
      new ParserFactory().create(Layout.ASX, context).parse(text, sink);
    }

    assertThat(sink.errors).isEmpty();
    assertThat(sink.rows).hasSize(expectedRows);
    assertThat(sink.rows).allSatisfy(row -> assertThat(row.getField("symbol")).isEqualTo(symbol));
  }
}
