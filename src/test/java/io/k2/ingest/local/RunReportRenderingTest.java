package io.k2.ingest.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.local.RunReport.FunctionTiming;
import io.k2.ingest.local.RunReport.InvocationTiming;
import io.k2.ingest.local.RunReport.Timings;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RunReportRenderingTest {

  private static final RunReport REPORT =
      new RunReport(
          "{\"namespace\":\"market_data\",\"tables\":[\"trades\",\"quotes\"]}",
          List.of("asx/reference-data/company_info.csv"),
          List.of(
              new ObjectOutcome(
                  "landing",
                  "asx/trades/7078.csv",
                  "committed",
                  "market_data.trades",
                  91631L,
                  0L,
                  123L,
                  null),
              new ObjectOutcome(
                  "landing",
                  "asx/trades/9999.csv",
                  "rejected",
                  "market_data.trades",
                  0L,
                  0L,
                  null,
                  "unknown company 9999")),
          new TreeMap<>(
              Map.of(
                  "market_data.trades",
                  new TableSummary(
                      "market_data.trades",
                      91631,
                      5,
                      1,
                      new TreeMap<>(Map.of("2014-03-10", 50000L, "2014-03-11", 41631L))))),
          new Timings(
              ms(900),
              new FunctionTiming(ms(1200), ms(2300)),
              Optional.of(new FunctionTiming(ms(800), ms(4100))),
              List.of(
                  new InvocationTiming("asx/trades/7078.csv", ms(4100), true),
                  new InvocationTiming("asx/trades/9999.csv", ms(35), false)),
              ms(9000)));

  @Test
  void jsonIsOneDocumentWithObjectsTablesAndTimings() throws IOException {
    JsonNode json = new ObjectMapper().readTree(RunReportJson.render(REPORT));

    JsonNode committed = json.get("objects").get(0);
    assertThat(committed.get("key").asText()).isEqualTo("asx/trades/7078.csv");
    assertThat(committed.get("status").asText()).isEqualTo("committed");
    assertThat(committed.get("rows").asLong()).isEqualTo(91631);
    assertThat(committed.get("rejected_rows").asLong()).isZero();
    assertThat(committed.get("snapshot_id").asLong()).isEqualTo(123);
    assertThat(committed.get("error").isNull()).isTrue();
    assertThat(committed.has("run_failure")).isFalse();
    JsonNode trades = json.get("tables").get("market_data.trades");
    assertThat(trades.get("rows").asLong()).isEqualTo(91631);
    assertThat(trades.get("files").asInt()).isEqualTo(5);
    assertThat(trades.get("partitions").get("2014-03-11").asLong()).isEqualTo(41631);
    assertThat(json.get("rejected").get(0).get("error").asText()).isEqualTo("unknown company 9999");
    assertThat(json.get("timings").get("ingest").get("cold_start_ms").asLong()).isEqualTo(4900);
    assertThat(json.get("timings").get("invocations").get(1).get("ms").asLong()).isEqualTo(35);
    assertThat(json.get("init").get("namespace").asText()).isEqualTo("market_data");
    assertThat(json.get("reference_data").get(0).asText())
        .isEqualTo("asx/reference-data/company_info.csv");
  }

  @Test
  void textListsObjectsTablesRejectionsAndColdStarts() {
    String text = RunReportText.render(REPORT);

    assertThat(text)
        .contains(
            "KEY                  STATUS     TABLE               ROWS   REJECTED  SNAPSHOT  MS")
        .contains(
            "asx/trades/7078.csv  committed  market_data.trades  91631  0         123       4100")
        .contains(
            "asx/trades/9999.csv  rejected   market_data.trades  0      0         -         35")
        .contains("market_data.trades: 91,631 rows in 5 data files, 1 snapshots")
        .contains("2014-03-11         41,631")
        .contains("Rejected (1)\n  asx/trades/9999.csv: unknown company 9999")
        .contains("ingest: init phase 800 ms + first invocation 4100 ms = cold start 4900 ms")
        .contains("ingest warm invocations: 1, median 35 ms, max 35 ms");
  }

  @Test
  void aThrownInvocationMakesTheRunFail() {
    RunReport failed =
        new RunReport(
            null,
            List.of(),
            List.of(ObjectOutcome.invocationError("landing", "k", new IllegalStateException("x"))),
            new TreeMap<>(),
            REPORT.timings());

    assertThat(failed.runFailed()).isTrue();
    assertThat(REPORT.runFailed()).as("rejections are outcomes, not failures").isFalse();
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
