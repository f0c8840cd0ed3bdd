package io.k2.ingest.ingest;

import io.k2.ingest.observe.EmbeddedMetrics.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one mapping of an outcome to named fields. The response and the log event carry every field
 * by {@link #name}; the {@code ingest_log} row stores those with a {@link #column}; the fields with
 * a metric are published as CloudWatch metrics.
 */
enum OutcomeField {
  BUCKET("bucket", "bucket", null, o -> o.source().bucket()),
  KEY("key", "key", null, o -> o.source().key()),
  VERSION_ID("version_id", "version_id", null, o -> o.source().versionId()),
  ETAG("etag", "etag", null, o -> o.source().eTag()),
  SIZE("size", "size", null, o -> o.source().size()),
  STATUS("status", "status", null, o -> o.status().json()),
  TABLE("table", "table_name", null, ObjectOutcome::table),
  ROWS("rows", "rows", Metric.count("RecordsWritten", 0), o -> o.load().rows()),
  REJECTED_ROWS(
      "rejected_rows",
      "rejected_rows",
      Metric.count("RowsRejected", 0),
      o -> o.load().rejectedRows()),
  SNAPSHOT_ID("snapshot_id", "snapshot_id", null, o -> o.commit().snapshotId()),
  ERROR("error", "error", null, ObjectOutcome::error),
  FAILURE("failure", null, null, OutcomeField::failureKind),
  FILES("files", "files", Metric.count("FilesWritten", 0), o -> o.load().files()),
  BYTES("bytes", "bytes", Metric.bytes("BytesWritten", 0), o -> o.load().bytes()),
  COMMIT_RETRIES(
      "commit_retries",
      "commit_retries",
      Metric.count("CommitRetries", 0),
      o -> o.commit().retries()),
  WRITE_MS("write_ms", "write_ms", Metric.millis("WriteDuration", 0), o -> o.load().writeMillis()),
  COMMIT_MS("commit_ms", "commit_ms", Metric.millis("CommitDuration", 0), o -> o.commit().millis()),
  SHA256("sha256", "sha256", null, o -> o.load().sha256()),
  REPLACED_SNAPSHOT_ID(
      "replaced_snapshot_id", "replaced_snapshot_id", null, o -> o.commit().replacedSnapshotId()),
  REPLACED_VERSION("replaced_version", "replaced_version", null, o -> o.commit().replacedVersion()),
  MESSAGE_ID("message_id", "message_id", null, o -> o.source().messageId());

  private final String name;
  private final String column;
  private final Metric metric;
  private final Function<ObjectOutcome, Object> value;

  OutcomeField(String name, String column, Metric metric, Function<ObjectOutcome, Object> value) {
    this.name = name;
    this.column = column;
    this.metric = metric;
    this.value = value;
  }

  private static String failureKind(ObjectOutcome outcome) {
    return outcome.problem() == null || outcome.problem().kind() == null
        ? null
        : outcome.problem().kind().json();
  }

  /** Every field by name, in this order: the response object and the log event. */
  static Map<String, Object> fields(ObjectOutcome outcome) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (OutcomeField field : values()) {
      fields.put(field.name, field.value.apply(outcome));
    }
    return fields;
  }

  /** The {@code ingest_log} row: the fields that have a column, under the column's name. */
  static Map<String, Object> columns(ObjectOutcome outcome) {
    Map<String, Object> columns = new LinkedHashMap<>();
    for (OutcomeField field : values()) {
      if (field.column != null) {
        columns.put(field.column, field.value.apply(outcome));
      }
    }
    return columns;
  }

  /** The metrics of an object: its counted fields, and one count per status worth alarming on. */
  static List<Metric> metrics(ObjectOutcome outcome) {
    List<Metric> metrics = new ArrayList<>();
    for (OutcomeField field : values()) {
      if (field.metric != null) {
        long amount = ((Number) field.value.apply(outcome)).longValue();
        metrics.add(new Metric(field.metric.name(), field.metric.unit(), amount));
      }
    }
    metrics.add(Metric.count("ObjectsFailed", outcome.status() == Status.FAILED ? 1 : 0));
    metrics.add(Metric.count("ObjectsRejected", outcome.status() == Status.REJECTED ? 1 : 0));
    return metrics;
  }
}
