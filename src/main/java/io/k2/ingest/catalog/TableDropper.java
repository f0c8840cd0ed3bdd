package io.k2.ingest.catalog;

import io.k2.ingest.domain.TableDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.iceberg.catalog.Catalog;
import org.jboss.logging.Logger;

/**
 * Answers the init function's {@code drop} request: drops one managed table, only when the request
 * repeats the table's full name as confirmation. With {@code purge}, its data and metadata files
 * are deleted too; without, they stay in the warehouse (and can be registered again).
 */
@ApplicationScoped
public class TableDropper {

  private static final Logger LOG = Logger.getLogger(TableDropper.class);

  private final Catalog catalog;
  private final MarketTableRegistry registry;

  @Inject
  public TableDropper(Catalog catalog, MarketTableRegistry registry) {
    this.catalog = catalog;
    this.registry = registry;
  }

  /** What a drop did: whether the table existed (and so was dropped), and whether files went. */
  public record DropReport(String table, boolean dropped, boolean purged) {}

  /**
   * @param table a managed table, by its name or its full name ({@code market_data.trades})
   * @param confirm must be the table's full name
   * @throws DropRefusedException if the table is not managed here or {@code confirm} differs
   */
  public DropReport drop(String table, String confirm, boolean purge) {
    TableDefinition definition =
        registry.all().stream()
            .filter(
                d -> d.identifier().name().equals(table) || d.identifier().toString().equals(table))
            .findFirst()
            .orElseThrow(
                () ->
                    new DropRefusedException(
                        "drop refused: "
                            + table
                            + " is not a table this function manages ("
                            + registry.all().stream().map(d -> d.identifier().toString()).toList()
                            + ")"));
    String fullName = definition.identifier().toString();
    if (!fullName.equals(confirm)) {
      throw new DropRefusedException(
          "drop refused: set \"confirm\" to \"" + fullName + "\" to drop " + fullName);
    }
    boolean dropped = catalog.dropTable(definition.identifier(), purge);
    LOG.warnf("Dropped %s (purge=%s, existed=%s)", fullName, purge, dropped);
    return new DropReport(fullName, dropped, purge && dropped);
  }
}
