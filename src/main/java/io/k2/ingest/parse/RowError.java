package io.k2.ingest.parse;

/**
 * One bad row: where it is and why it was refused. {@code column} and {@code value} are null when
 * the problem is the row as a whole (a wrong number of fields, say).
 */
public record RowError(long line, String column, String value, String reason) {}
