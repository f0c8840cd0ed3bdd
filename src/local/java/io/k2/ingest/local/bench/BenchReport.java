package io.k2.ingest.local.bench;

import io.k2.ingest.local.bench.BenchOptions.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's results and their rendering as Markdown tables, ready to paste into {@code
 * docs/benchmarks.md}. Throughput is rows (and CSV bytes, MB = 10^6) over the wall time of the
 * delivery's invocations; memory is in MiB.
 *
 * @param context one line per fact about the machine, workload and run
 * @param coldStarts the init and ingest functions' cold starts
 * @param runs every timed run, in the order they ran; rep 0 of a delivery is its first (cold JIT)
 */
record BenchReport(List<String> context, List<ColdStart> coldStarts, List<Run> runs) {

  /** A function's cold start: Lambda's init phase, then its first invocation. */
  record ColdStart(String function, Duration initPhase, Duration firstInvocation) {}

  /**
   * One delivery of the whole workload into fresh tables.
   *
   * @param stageSeconds the function's own write time (read, parse, sort, Parquet), summed
   * @param commitSeconds the function's commit time, summed over invocations
   * @param filesPerPartition data files per day partition of the table afterwards
   */
  record Run(
      Delivery delivery,
      int rep,
      int invocations,
      long rows,
      long csvBytes,
      Duration wall,
      double stageSeconds,
      double commitSeconds,
      long dataFiles,
      long parquetBytes,
      SortedMap<String, Integer> filesPerPartition,
      ResourceProbe.Sample resources) {

    double seconds() {
      return wall.toNanos() / 1e9;
    }

    double rowsPerSecond() {
      return rows / seconds();
    }

    double megabytesPerSecond() {
      return csvBytes / 1e6 / seconds();
    }
  }

  String render() {
    StringBuilder out = new StringBuilder();
    context.forEach(line -> out.append(line).append('\n'));
    out.append("\nCold start (init phase + first invocation)\n\n");
    out.append("| function | init phase ms | first invocation ms | cold start ms |\n");
    out.append("|---|---|---|---|\n");
    for (ColdStart cold : coldStarts) {
      long init = cold.initPhase().toMillis();
      long first = cold.firstInvocation().toMillis();
      out.append(row(cold.function(), init, first, init + first));
    }
    out.append("\nEvery run (fresh tables; rep 0 is the first, cold JIT)\n\n");
    out.append(
        "| delivery | rep | load 1/5/15 min | invocations | wall s | rows/s | MB/s | stage s"
            + " | commit s | cpu s | other cpu s | gc s | heap baseline MiB | heap peak MiB"
            + " | heap after GC max MiB | RSS peak MiB | data files | Parquet bytes |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Run run : runs) {
      ResourceProbe.Sample r = run.resources();
      out.append(
          row(
              run.delivery().name(),
              run.rep(),
              r.loadAverage(),
              run.invocations(),
              f2(run.seconds()),
              f0(run.rowsPerSecond()),
              f1(run.megabytesPerSecond()),
              f2(run.stageSeconds()),
              f2(run.commitSeconds()),
              f1(r.cpuSeconds()),
              f1(r.otherCpuSeconds()),
              f2(r.gcSeconds()),
              mib(r.heapBaselineBytes()),
              mib(r.heapPeakBytes()),
              mib(r.heapAfterGcMaxBytes()),
              mib(r.rssPeakBytes()) + (r.rssReset() ? "" : " (since start)"),
              run.dataFiles(),
              String.format(Locale.ROOT, "%,d", run.parquetBytes())));
    }
    out.append("\nSummary per delivery: first run, then min / median / max of the others\n\n");
    out.append(
        "| delivery | first wall s | wall s | rows/s | MB/s | heap peak MiB"
            + " | heap after GC max MiB | RSS peak MiB |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (Delivery delivery : runs.stream().map(Run::delivery).distinct().toList()) {
      List<Run> all = runs.stream().filter(r -> r.delivery().equals(delivery)).toList();
      List<Run> warm = all.stream().filter(r -> r.rep() > 0).toList();
      out.append(
          row(
              delivery.name(),
              f2(all.get(0).seconds()),
              spread(warm, Run::seconds, "%.2f"),
              spread(warm, Run::rowsPerSecond, "%,.0f"),
              spread(warm, Run::megabytesPerSecond, "%.1f"),
              spread(warm, r -> r.resources().heapPeakBytes() / 1048576.0, "%.0f"),
              spread(
                  warm.stream().filter(r -> r.resources().heapAfterGcMaxBytes() >= 0).toList(),
                  r -> r.resources().heapAfterGcMaxBytes() / 1048576.0,
                  "%.0f"),
              spread(warm, r -> r.resources().rssPeakBytes() / 1048576.0, "%.0f")));
    }
    Run last = runs.get(runs.size() - 1);
    out.append("\nData files per day partition (last run): ")
        .append(last.filesPerPartition())
        .append('\n');
    return out.toString();
  }

  /** {@code min / median / max}; the median of an even count is the mean of the middle two. */
  static String spread(List<Run> runs, ToDoubleFunction<Run> figure, String format) {
    if (runs.isEmpty()) {
      return "-";
    }
    List<Double> values = new ArrayList<>(runs.stream().map(figure::applyAsDouble).toList());
    values.sort(Comparator.naturalOrder());
    int n = values.size();
    double median =
        n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    return String.format(
        Locale.ROOT,
        format + " / " + format + " / " + format,
        values.get(0),
        median,
        values.get(n - 1));
  }

  private static String row(Object... cells) {
    StringBuilder line = new StringBuilder("|");
    for (Object cell : cells) {
      line.append(' ').append(cell).append(" |");
    }
    return line.append('\n').toString();
  }

  private static String f0(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  private static String f1(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String f2(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "-" : Long.toString(Math.round(bytes / 1048576.0));
  }
}
