package io.k2.ingest.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One managed table as the catalog holds it: what a {@code describe} request answers per table.
 * Counts come from the current snapshot's summary (no data file is read); {@code drift} lists how
 * the table differs from its definition, empty when it matches.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableDescription(
    String table,
    boolean exists,
    List<Column> schema,
    @JsonProperty("partition_spec") String partitionSpec,
    @JsonProperty("sort_order") String sortOrder,
    Map<String, String> properties,
    Long rows,
    Long files,
    Integer snapshots,
    @JsonProperty("current_snapshot_id") Long currentSnapshotId,
    List<String> drift) {

  /** A column: Iceberg field id, name, type and whether it is required. */
  public record Column(int id, String name, String type, boolean required) {}

  static TableDescription missing(String table) {
    return new TableDescription(table, false, null, null, null, null, null, null, null, null, null);
  }
}
