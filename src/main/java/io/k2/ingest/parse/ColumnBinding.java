package io.k2.ingest.parse;

/**
 * Where one value comes from and goes to: the row's field {@code field} is read as {@code kind} and
 * set at {@code position} of the table record, whose column is named {@code column}.
 */
record ColumnBinding(int field, String column, int position, ColumnKind kind) {}
