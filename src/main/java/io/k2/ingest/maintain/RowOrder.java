package io.k2.ingest.maintain;

import java.util.Comparator;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortField;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.data.Record;

/** A table's sort order as a comparator of generic records (identity sort fields only). */
final class RowOrder {

  private RowOrder() {}

  /**
   * @throws IllegalArgumentException when the order is unsorted or sorts by a transform: a merge
   *     would then not reproduce the order the files were written in
   */
  static Comparator<Record> of(SortOrder order, Schema schema) {
    if (order.isUnsorted()) {
      throw new IllegalArgumentException("The table has no sort order to merge by");
    }
    Comparator<Record> comparator = null;
    for (SortField field : order.fields()) {
      if (!field.transform().isIdentity()) {
        throw new IllegalArgumentException(
            "Sort field " + field + " is not an identity: only identity sort orders are merged");
      }
      String column = schema.findColumnName(field.sourceId());
      int position = schema.columns().indexOf(schema.findField(field.sourceId()));
      if (position < 0) {
        throw new IllegalArgumentException("Sort column " + column + " is not a top-level column");
      }
      Comparator<Record> next = byField(position, field.direction(), field.nullOrder());
      comparator = comparator == null ? next : comparator.thenComparing(next);
    }
    return comparator;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparator<Record> byField(
      int position, SortDirection direction, NullOrder nulls) {
    Comparator<Comparable> values =
        direction == SortDirection.ASC
            ? Comparator.<Comparable>naturalOrder()
            : Comparator.<Comparable>reverseOrder();
    Comparator<Comparable> withNulls =
        nulls == NullOrder.NULLS_FIRST
            ? Comparator.nullsFirst(values)
            : Comparator.nullsLast(values);
    return (a, b) -> withNulls.compare((Comparable) a.get(position), (Comparable) b.get(position));
  }
}
