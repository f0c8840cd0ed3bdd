package io.k2.ingest.history;

import io.k2.ingest.catalog.MarketTableRegistry;
import io.k2.ingest.commit.LogCommitter;
import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.write.RecordFileWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/**
 * Appends one row per processed object to the {@code ingest_log} table: every attempt, whatever its
 * status, in one small file and one append per invocation. The rows come as column values; this
 * class only adds when and by which invocation, then hands the records to the writer and the
 * committer.
 *
 * <p>The data tables' snapshot summaries stay the source of truth for exactly-once; this table is
 * the queryable record, kept for as long as the user keeps it, after snapshots expire.
 */
@ApplicationScoped
public class IngestHistory {

  private final Catalog catalog;
  private final MarketTableRegistry tables;
  private final LogCommitter committer;

  @Inject
  public IngestHistory(Catalog catalog, MarketTableRegistry tables, LogCommitter committer) {
    this.catalog = catalog;
    this.tables = tables;
    this.committer = committer;
  }

  /** Records one row per entry; each entry maps {@code ingest_log} column names to values. */
  public void record(String invocationId, List<Map<String, Object>> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Table table = catalog.loadTable(tables.definition(MarketTable.INGEST_LOG).identifier());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    GenericRecord template = GenericRecord.create(table.schema());
    List<Record> rows = entries.stream().map(e -> row(template, now, invocationId, e)).toList();
    committer.append(table, RecordFileWriter.write(table, rows), invocationId);
  }

  private static Record row(
      GenericRecord template, OffsetDateTime now, String invocationId, Map<String, Object> entry) {
    Record row = template.copy();
    row.setField("processed_at", now);
    row.setField("invocation_id", invocationId);
    // A column this table does not have yet (created by an older init) is left out, not fatal.
    entry.forEach(
        (column, value) -> {
          if (template.struct().field(column) != null) {
            row.setField(column, value);
          }
        });
    return row;
  }
}
