package io.k2.ingest.history;

import io.k2.ingest.catalog.MarketTableRegistry;
import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.event.LandedObject;
import io.k2.ingest.ingest.ObjectOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * Appends one row per processed object to the {@code ingest_log} table: every attempt, whatever its
 * status, in one small file and one append per invocation.
 *
 * <p>The data tables' snapshot summaries stay the source of truth for exactly-once; this table is
 * the queryable record, kept for as long as the user keeps it, after snapshots expire.
 */
@ApplicationScoped
public class IngestHistory {

  private final Catalog catalog;
  private final MarketTableRegistry tables;

  @Inject
  public IngestHistory(Catalog catalog, MarketTableRegistry tables) {
    this.catalog = catalog;
    this.tables = tables;
  }

  /** One processed object: the object as its event named it, and what became of it. */
  public record Entry(LandedObject object, ObjectOutcome outcome) {}

  public void record(String invocationId, List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Table table = catalog.loadTable(tables.definition(MarketTable.INGEST_LOG).identifier());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    GenericRecord template = GenericRecord.create(table.schema());
    PartitionKey partition = new PartitionKey(table.spec(), table.schema());
    List<Record> rows = entries.stream().map(e -> row(template, now, invocationId, e)).toList();
    partition.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(rows.get(0)));
    OutputFileFactory files =
        OutputFileFactory.builderFor(table, 0, 0)
            .format(FileFormat.PARQUET)
            .operationId(UUID.randomUUID().toString())
            .build();
    DataWriter<Record> writer =
        new GenericFileWriterFactory.Builder(table)
            .dataFileFormat(FileFormat.PARQUET)
            .dataSchema(table.schema())
            .build()
            .newDataWriter(files.newOutputFile(table.spec(), partition), table.spec(), partition);
    try (writer) {
      rows.forEach(writer::write);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the ingest log", e);
    }
    table.newFastAppend().appendFile(writer.toDataFile()).set("k2.invocation-id", invocationId).commit();
  }

  private static Record row(GenericRecord template, OffsetDateTime now, String invocationId, Entry entry) {
    ObjectOutcome outcome = entry.outcome();
    LandedObject object = entry.object();
    Record row = template.copy();
    row.setField("processed_at", now);
    row.setField("invocation_id", invocationId);
    row.setField("bucket", outcome.bucket());
    row.setField("key", outcome.key());
    row.setField("version_id", object == null ? null : object.versionId());
    row.setField("etag", object == null ? null : object.eTag());
    row.setField("size", object == null ? null : object.size());
    row.setField("sha256", outcome.sha256());
    row.setField("table_name", outcome.table());
    row.setField("status", outcome.status().json());
    row.setField("rows", outcome.rows());
    row.setField("rejected_rows", outcome.rejectedRows());
    row.setField("snapshot_id", outcome.snapshotId());
    row.setField("files", outcome.files());
    row.setField("bytes", outcome.bytes());
    row.setField("write_ms", outcome.writeMillis());
    row.setField("commit_ms", outcome.commitMillis());
    row.setField("commit_retries", outcome.commitRetries());
    row.setField("error", outcome.error());
    row.setField("message_id", outcome.messageId());
    return row;
  }
}
