package io.k2.ingest.maintain;

import io.k2.ingest.catalog.MarketTableRegistry;
import io.k2.ingest.config.K2Config;
import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.maintain.MaintenanceReport.TableReport;
import io.k2.ingest.observe.EmbeddedMetrics;
import io.k2.ingest.observe.EmbeddedMetrics.Metric;
import io.k2.ingest.observe.EventLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;

/**
 * One maintenance pass over the tables a request names: compaction of closed partitions, manifest
 * rewrite, snapshot expiry, orphan removal, in that order, each table on its own. A table whose
 * pass fails is reported with the failure and the others still run.
 */
@ApplicationScoped
public class MaintenanceService {

  private final Catalog catalog;
  private final MarketTableRegistry tables;
  private final K2Config.MaintenanceConfig settings;
  private final EmbeddedMetrics metrics;
  private final EventLog events;

  @Inject
  public MaintenanceService(
      Catalog catalog,
      MarketTableRegistry tables,
      MaintenanceSettings settings,
      EmbeddedMetrics metrics,
      EventLog events) {
    this.catalog = catalog;
    this.tables = tables;
    this.settings = settings.values();
    this.metrics = metrics;
    this.events = events;
  }

  public MaintenanceReport maintain(MaintenanceRequest request) {
    long started = System.nanoTime();
    List<TableReport> reports = new ArrayList<>();
    for (MarketTable kind : request.tables()) {
      Table table = catalog.loadTable(tables.definition(kind).identifier());
      Duration minAge = request.minPartitionAge().orElse(settings.minPartitionAge());
      TableReport report = new TableMaintenance(table, settings, minAge, request.steps()).run();
      publish(report);
      reports.add(report);
    }
    return new MaintenanceReport(reports, (System.nanoTime() - started) / 1_000_000);
  }

  private void publish(TableReport report) {
    metrics.publish(
        report.table(),
        List.of(
            Metric.count("DataFilesBefore", report.filesBefore()),
            Metric.count("DataFilesAfter", report.filesAfter()),
            Metric.bytes("DataBytesBefore", report.bytesBefore()),
            Metric.bytes("DataBytesAfter", report.bytesAfter()),
            Metric.count("PartitionsCompacted", compacted(report)),
            Metric.count("SnapshotsExpired", report.snapshotsExpired()),
            Metric.count("SnapshotsKept", report.snapshotsKept()),
            Metric.count("OrphansRemoved", report.orphansRemoved()),
            Metric.count("MaintenanceProblems", report.problems().size()),
            Metric.millis("MaintenanceDuration", report.durationMillis())));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("table", report.table());
    fields.put("files_before", report.filesBefore());
    fields.put("files_after", report.filesAfter());
    fields.put("bytes_before", report.bytesBefore());
    fields.put("bytes_after", report.bytesAfter());
    fields.put("partitions", report.partitions());
    fields.put("snapshots_expired", report.snapshotsExpired());
    fields.put("orphans_removed", report.orphansRemoved());
    fields.put("duration_ms", report.durationMillis());
    fields.put("problems", report.problems());
    if (report.problems().isEmpty()) {
      events.info("maintenance.table", fields);
    } else {
      events.warn("maintenance.table", fields);
    }
  }

  private static long compacted(TableReport report) {
    return report.partitions().stream().filter(p -> p.outcome().equals("compacted")).count();
  }
}
