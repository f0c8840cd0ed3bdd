package io.k2.ingest.catalog;

import io.k2.ingest.domain.TableDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.jboss.logging.Logger;

/**
 * Creates the namespace and the tables when they are missing. Safe to run any number of times, and
 * from several places at once: losing a creation race means the table exists, which is the goal.
 */
@ApplicationScoped
public class TableInitializer {

  private static final Logger LOG = Logger.getLogger(TableInitializer.class);

  private final Catalog catalog;
  private final MarketTableRegistry registry;

  @Inject
  public TableInitializer(Catalog catalog, MarketTableRegistry registry) {
    this.catalog = catalog;
    this.registry = registry;
  }

  public InitReport initialize() {
    Namespace namespace = registry.namespace();
    boolean namespaceCreated = ensureNamespace(namespace);
    List<InitReport.TableStatus> tables = new ArrayList<>();
    for (TableDefinition definition : registry.all()) {
      tables.add(ensureTable(definition));
    }
    boolean changed =
        namespaceCreated || tables.stream().anyMatch(t -> "created".equals(t.status()));
    InitReport report = new InitReport(namespace.toString(), namespaceCreated, tables, changed);
    LOG.infof("Init %s: %s", changed ? "changed the catalog" : "changed nothing", report);
    return report;
  }

  private boolean ensureNamespace(Namespace namespace) {
    if (!(catalog instanceof SupportsNamespaces namespaces)) {
      return false;
    }
    if (namespaces.namespaceExists(namespace)) {
      return false;
    }
    try {
      namespaces.createNamespace(namespace);
      return true;
    } catch (AlreadyExistsException raced) {
      return false;
    }
  }

  private InitReport.TableStatus ensureTable(TableDefinition definition) {
    String name = definition.identifier().toString();
    try {
      Table existing = catalog.loadTable(definition.identifier());
      return InitReport.TableStatus.existed(name, DriftDetector.differences(definition, existing));
    } catch (NoSuchTableException missing) {
      try {
        definition.createIn(catalog);
        return InitReport.TableStatus.created(name);
      } catch (AlreadyExistsException raced) {
        Table existing = catalog.loadTable(definition.identifier());
        return InitReport.TableStatus.existed(
            name, DriftDetector.differences(definition, existing));
      }
    }
  }
}
