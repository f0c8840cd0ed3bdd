package io.k2.ingest.ingest;

import io.k2.ingest.parse.RowError;
import java.util.ArrayList;
import java.util.List;

/** The bad rows of one object: the first {@code limit} kept for the report, all of them counted. */
final class BadRows {

  private final int limit;
  private final List<RowError> listed = new ArrayList<>();
  private long total;

  BadRows(int limit) {
    this.limit = limit;
  }

  void add(RowError error) {
    total++;
    if (listed.size() < limit) {
      listed.add(error);
    }
  }

  long total() {
    return total;
  }

  List<RowError> listed() {
    return listed;
  }

  /** One line for logs and responses: the first error in words, and how many there are. */
  String summary(String sourceFile) {
    if (listed.isEmpty()) {
      return null;
    }
    RowError first = listed.get(0);
    String where = first.column() == null ? "" : ", column " + first.column();
    String value = first.value() == null ? "" : " '" + abbreviate(first.value()) + "'";
    return total
        + " bad row(s) in "
        + sourceFile
        + "; first: line "
        + first.line()
        + where
        + value
        + ": "
        + first.reason();
  }

  private static String abbreviate(String value) {
    return value.length() <= 80 ? value : value.substring(0, 77) + "...";
  }
}
