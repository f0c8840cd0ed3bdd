package io.k2.ingest.local;

import io.k2.ingest.local.RunReport.FunctionTiming;
import io.k2.ingest.local.RunReport.InvocationTiming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run report as readable text: objects, tables, rejections and timings. */
final class RunReportText {

  private RunReportText() {}

  static String render(RunReport report) {
    StringBuilder out = new StringBuilder();
    if (!report.referenceData().isEmpty()) {
      out.append("Reference data (landed, no event)\n");
      report.referenceData().forEach(key -> out.append("  ").append(key).append('\n'));
      out.append('\n');
    }
    out.append("Objects (").append(report.objects().size()).append(")\n");
    out.append(objectTable(report)).append('\n');

    out.append("Tables\n");
    if (report.tables().isEmpty()) {
      out.append("  (none)\n");
    }
    for (TableSummary table : report.tables().values()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %s: %,d rows in %d data files, %d snapshots%n",
              table.name(),
              table.rows(),
              table.files(),
              table.snapshots()));
      table
          .partitions()
          .forEach(
              (day, rows) ->
                  out.append(String.format(Locale.ROOT, "    %-12s %,12d%n", day, rows)));
    }

    List<ObjectOutcome> rejected = report.rejected();
    out.append("\nRejected (").append(rejected.size()).append(")\n");
    rejected.forEach(
        o -> out.append("  ").append(o.key()).append(": ").append(o.error()).append('\n'));

    out.append("\nTimings\n").append(timings(report.timings()));
    return out.toString();
  }

  private static String objectTable(RunReport report) {
    Map<String, Duration> elapsed = new HashMap<>();
    report.timings().invocations().forEach(i -> elapsed.putIfAbsent(i.key(), i.elapsed()));
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("KEY", "STATUS", "TABLE", "ROWS", "REJECTED", "SNAPSHOT", "MS"));
    for (ObjectOutcome o : report.objects()) {
      Duration ms = elapsed.get(o.key());
      rows.add(
          List.of(
              o.key(),
              text(o.status()),
              text(o.table()),
              text(o.rows()),
              text(o.rejectedRows()),
              text(o.snapshotId()),
              ms == null ? "-" : String.valueOf(ms.toMillis())));
    }
    return columns(rows);
  }

  /** Left-aligned columns, two spaces apart; the last column is not padded. */
  private static String columns(List<List<String>> rows) {
    int[] widths = new int[rows.get(0).size()];
    rows.forEach(
        row -> {
          for (int i = 0; i < row.size(); i++) {
            widths[i] = Math.max(widths[i], row.get(i).length());
          }
        });
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      out.append("  ");
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        out.append(i == row.size() - 1 ? cell : cell + " ".repeat(widths[i] - cell.length() + 2));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String timings(RunReport.Timings t) {
    StringBuilder out = new StringBuilder();
    out.append("  servers started in ").append(ms(t.serversStart())).append('\n');
    out.append("  init:   ").append(coldStart(t.init())).append('\n');
    t.ingest().ifPresent(i -> out.append("  ingest: ").append(coldStart(i)).append('\n'));
    List<Duration> warm =
        t.invocations().stream()
            .filter(i -> !i.coldStart())
            .map(InvocationTiming::elapsed)
            .sorted()
            .toList();
    if (!warm.isEmpty()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  ingest warm invocations: %d, median %s, max %s%n",
              warm.size(),
              ms(warm.get(warm.size() / 2)),
              ms(warm.get(warm.size() - 1))));
    }
    out.append("  total ").append(ms(t.total())).append('\n');
    return out.toString();
  }

  private static String coldStart(FunctionTiming timing) {
    return "init phase "
        + ms(timing.initPhase())
        + " + first invocation "
        + ms(timing.firstInvocation())
        + " = cold start "
        + ms(timing.coldStart());
  }

  private static String ms(Duration duration) {
    return duration.toMillis() + " ms";
  }

  private static String text(Object value) {
    return value == null ? "-" : value.toString();
  }
}
