package io.k2.ingest.catalog;

import io.k2.ingest.domain.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.types.Types;

/**
 * Compares an existing table with its definition and describes every difference in words. It only
 * reads: a drifted table is reported, never altered, because altering it could rewrite data.
 */
final class DriftDetector {

  private DriftDetector() {}

  static List<String> differences(TableDefinition expected, Table actual) {
    List<String> diffs = new ArrayList<>();
    schemaDifferences(expected, actual, diffs);
    String specWanted = describe(expected.spec());
    String specFound = describe(actual.spec());
    if (!specWanted.equals(specFound)) {
      diffs.add("partition spec is [" + specFound + "], expected [" + specWanted + "]");
    }
    String orderWanted = describe(expected.sortOrder());
    String orderFound = describe(actual.sortOrder());
    if (!orderWanted.equals(orderFound)) {
      diffs.add("sort order is [" + orderFound + "], expected [" + orderWanted + "]");
    }
    propertyDifferences(expected.properties(), actual, diffs);
    return diffs;
  }

  private static void schemaDifferences(
      TableDefinition expected, Table actual, List<String> diffs) {
    for (Types.NestedField want : expected.schema().columns()) {
      Types.NestedField have = actual.schema().findField(want.fieldId());
      if (have == null) {
        diffs.add("column " + want.fieldId() + " '" + want.name() + "' is missing");
      } else if (!have.name().equals(want.name())
          || !have.type().equals(want.type())
          || have.isOptional() != want.isOptional()) {
        diffs.add(
            "column " + want.fieldId() + " is " + describe(have) + ", expected " + describe(want));
      }
    }
    for (Types.NestedField have : actual.schema().columns()) {
      if (expected.schema().findField(have.fieldId()) == null) {
        diffs.add("column " + have.fieldId() + " " + describe(have) + " is not in the definition");
      }
    }
  }

  private static String describe(Types.NestedField field) {
    return "'"
        + field.name()
        + "' "
        + field.type()
        + (field.isOptional() ? " optional" : " required");
  }

  // Described by column name, transform and field name, not compared as objects: field ids and
  // transform instances legitimately differ between a definition and a table read from a catalog.
  private static String describe(PartitionSpec spec) {
    return spec.fields().stream()
        .map(
            f ->
                f.transform()
                    + "("
                    + spec.schema().findColumnName(f.sourceId())
                    + ") as "
                    + f.name())
        .collect(Collectors.joining(", "));
  }

  private static String describe(SortOrder order) {
    return order.fields().stream()
        .map(
            f ->
                f.transform()
                    + "("
                    + order.schema().findColumnName(f.sourceId())
                    + ") "
                    + f.direction()
                    + " "
                    + f.nullOrder())
        .collect(Collectors.joining(", "));
  }

  private static void propertyDifferences(
      Map<String, String> expected, Table actual, List<String> diffs) {
    for (Map.Entry<String, String> want : expected.entrySet()) {
      String have =
          TableProperties.FORMAT_VERSION.equals(want.getKey())
              ? formatVersion(actual)
              : actual.properties().get(want.getKey());
      if (!Objects.equals(have, want.getValue())) {
        diffs.add("property " + want.getKey() + " is " + have + ", expected " + want.getValue());
      }
    }
  }

  // format-version is reserved: Iceberg keeps it in the metadata, not among the properties.
  private static String formatVersion(Table table) {
    if (table instanceof HasTableOperations ops) {
      return Integer.toString(ops.operations().current().formatVersion());
    }
    return null;
  }
}
