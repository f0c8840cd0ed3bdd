package io.k2.ingest.catalog;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The function's catalog, which can let go of its client and open a new one on next use. A client
 * holds what must not outlive a SnapStart snapshot: pooled connections to the catalog, OAuth tokens
 * or resolved AWS credentials (SigV4). {@link #release()} closes the client before the snapshot;
 * each restored execution environment then opens its own. Every call is passed to the current
 * client unchanged.
 */
public final class RestorableCatalog implements Catalog, SupportsNamespaces, Closeable {

  private final Supplier<Catalog> opener;
  private Catalog current;

  /** Opens the first client now, so that a catalog that cannot be built fails the start. */
  RestorableCatalog(Supplier<Catalog> opener) {
    this.opener = opener;
    this.current = opener.get();
  }

  /** Closes the current client (connections, tokens, credentials); the next call opens another. */
  public synchronized void release() {
    Catalog released = current;
    current = null;
    if (released instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot close the catalog client", e);
      }
    }
  }

  /** The client calls go to; opened here if released. */
  synchronized Catalog client() {
    if (current == null) {
      current = opener.get();
    }
    return current;
  }

  private SupportsNamespaces namespaces() {
    if (client() instanceof SupportsNamespaces namespaces) {
      return namespaces;
    }
    throw new UnsupportedOperationException(client().name() + " does not support namespaces");
  }

  @Override
  public void close() {
    release();
  }

  @Override
  public String name() {
    return client().name();
  }

  @Override
  public List<TableIdentifier> listTables(Namespace namespace) {
    return client().listTables(namespace);
  }

  @Override
  public Table loadTable(TableIdentifier identifier) {
    return client().loadTable(identifier);
  }

  @Override
  public boolean tableExists(TableIdentifier identifier) {
    return client().tableExists(identifier);
  }

  @Override
  public TableBuilder buildTable(TableIdentifier identifier, Schema schema) {
    return client().buildTable(identifier, schema);
  }

  @Override
  public boolean dropTable(TableIdentifier identifier) {
    return client().dropTable(identifier);
  }

  @Override
  public boolean dropTable(TableIdentifier identifier, boolean purge) {
    return client().dropTable(identifier, purge);
  }

  @Override
  public void renameTable(TableIdentifier from, TableIdentifier to) {
    client().renameTable(from, to);
  }

  @Override
  public void invalidateTable(TableIdentifier identifier) {
    client().invalidateTable(identifier);
  }

  @Override
  public Table registerTable(TableIdentifier identifier, String metadataFileLocation) {
    return client().registerTable(identifier, metadataFileLocation);
  }

  @Override
  public Table registerTable(
      TableIdentifier identifier, String metadataFileLocation, boolean overwrite) {
    return client().registerTable(identifier, metadataFileLocation, overwrite);
  }

  @Override
  public void initialize(String name, Map<String, String> properties) {
    throw new UnsupportedOperationException("the catalog client is initialised when opened");
  }

  @Override
  public void createNamespace(Namespace namespace, Map<String, String> metadata) {
    namespaces().createNamespace(namespace, metadata);
  }

  @Override
  public List<Namespace> listNamespaces(Namespace namespace) {
    return namespaces().listNamespaces(namespace);
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(Namespace namespace) {
    return namespaces().loadNamespaceMetadata(namespace);
  }

  @Override
  public boolean dropNamespace(Namespace namespace) {
    return namespaces().dropNamespace(namespace);
  }

  @Override
  public boolean setProperties(Namespace namespace, Map<String, String> properties) {
    return namespaces().setProperties(namespace, properties);
  }

  @Override
  public boolean removeProperties(Namespace namespace, Set<String> properties) {
    return namespaces().removeProperties(namespace, properties);
  }

  @Override
  public boolean namespaceExists(Namespace namespace) {
    return namespaces().namespaceExists(namespace);
  }
}
