package io.k2.ingest.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k2.ingest.catalog.TableInitializer;
import io.k2.ingest.support.EmbeddedServersResource;
import io.k2.ingest.support.ExactSums;
import io.k2.ingest.support.Landing;
import io.k2.ingest.support.Landing.Landed;
import io.k2.ingest.support.TableReader;
import io.k2.ingest.support.TestWarehouse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Lands the real ASX sample (five trading days, three companies) through the ingest handler and
 * checks the tables against sums computed straight from the raw text.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedServersResource.class)
class AsxSampleTest {

  static final Path SAMPLE = Path.of("..", "shared", "data", "asx-sample");

  @Inject TableInitializer initializer;

  @ConfigProperty(name = "quarkus.s3.endpoint-override")
  URI s3Endpoint;

  @ConfigProperty(name = "k2.catalog.uri")
  URI catalogUri;

  @Test
  void landsTheWholeSampleExactly() throws Exception {
    assumeTrue(Files.isDirectory(SAMPLE), "the shared ASX sample is not beside the repository");
    try (TestWarehouse warehouse =
        TestWarehouse.connect(s3Endpoint, catalogUri).reset(initializer)) {
      Landing landing = warehouse.landing();
      landing.put(
          "asx/reference-data/company_info.csv",
          Files.readAllBytes(SAMPLE.resolve("reference-data/company_info.csv")));
      List<Landed> files = new ArrayList<>();
      for (String kind : List.of("trades", "quotes")) {
        for (String company : List.of("3153", "7078", "7181")) {
          files.add(
              landing.put(
                  "asx/" + kind + "/" + company + ".csv",
                  Files.readAllBytes(SAMPLE.resolve(kind + "/" + company + ".csv"))));
        }
      }

      JsonPath response = IngestFunctionTest.invoke(Landing.s3Event(files));

      assertThat(response.getList("objects.status")).containsOnly("committed");
      assertThat(response.getList("objects.rows", Long.class))
          .containsExactly(11L, 91_631L, 232L, 60L, 77_849L, 549L);
      assertThat(response.getList("objects.rejected_rows", Long.class)).containsOnly(0L);
      TableReader tables = warehouse.tables();

      List<Record> trades = tables.rows("market_data.trades");
      assertThat(trades).hasSize(91_631 + 11 + 232);
      assertThat(days(trades)).hasSize(5);
      assertThat(ExactSums.of(trades, "price")).isEqualByComparingTo(rawSum("trades", 2));
      assertThat(ExactSums.of(trades, "volume")).isEqualByComparingTo(rawSum("trades", 3));
      assertThat(perSymbol(trades)).isEqualTo(Map.of("MWR", 11L, "BHP", 91_631L, "DVN", 232L));

      List<Record> quotes = tables.rows("market_data.quotes");
      assertThat(quotes).hasSize(77_849 + 60 + 549);
      assertThat(days(quotes)).hasSize(5);
      assertThat(ExactSums.of(quotes, "bid_price")).isEqualByComparingTo(rawSum("quotes", 2));
      assertThat(ExactSums.of(quotes, "ask_price")).isEqualByComparingTo(rawSum("quotes", 3));
      assertThat(ExactSums.of(quotes, "bid_volume")).isEqualByComparingTo(rawSum("quotes", 4));
      assertThat(ExactSums.of(quotes, "ask_volume")).isEqualByComparingTo(rawSum("quotes", 5));
      // One event naming three files per table: one append per table, carrying all three.
      assertThat(tables.snapshots("market_data.trades"))
          .singleElement()
          .satisfies(
              s ->
                  assertThat(s.summary())
                      .containsEntry("k2.sources", "3")
                      .containsEntry("k2.rows", "91874"));
      assertThat(tables.snapshots("market_data.quotes"))
          .singleElement()
          .satisfies(
              s ->
                  assertThat(s.summary())
                      .containsEntry("k2.sources", "3")
                      .containsEntry("k2.rows", "78458"));
    }
  }

  /** A column summed straight from the vendor files: split on commas, exact decimals. */
  private static BigDecimal rawSum(String kind, int field) throws IOException {
    BigDecimal sum = BigDecimal.ZERO;
    for (String company : List.of("3153", "7078", "7181")) {
      sum = sum.add(ExactSums.ofField(SAMPLE.resolve(kind + "/" + company + ".csv"), field));
    }
    return sum;
  }

  private static Map<Object, Long> days(List<Record> rows) {
    return rows.stream()
        .collect(
            Collectors.groupingBy(
                r -> ((LocalDateTime) r.getField("exchange_timestamp")).toLocalDate(),
                TreeMap::new,
                Collectors.counting()));
  }

  private static Map<Object, Long> perSymbol(List<Record> rows) {
    return rows.stream()
        .collect(Collectors.groupingBy(r -> r.getField("symbol"), Collectors.counting()));
  }
}
