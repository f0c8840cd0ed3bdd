package io.k2.ingest.support;

import io.k2.ingest.catalog.TableInitializer;
import io.k2.ingest.local.LocalClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;

/**
 * A test's own view of the servers the function uses: a catalog client, a table reader and the
 * landing bucket, all independent of the function's beans.
 */
public final class TestWarehouse implements AutoCloseable {

  private static final List<String> TABLES = List.of("trades", "quotes", "ingest_log");

  private final RESTCatalog catalog;
  private final TableReader tables;
  private final Landing landing;

  private TestWarehouse(URI s3Endpoint, URI catalogUri) {
    this.catalog = LocalClients.restCatalog(catalogUri, s3Endpoint);
    this.tables = new TableReader(catalog);
    this.landing = new Landing(LocalClients.s3(s3Endpoint));
  }

  public static TestWarehouse connect(URI s3Endpoint, URI catalogUri) {
    return new TestWarehouse(s3Endpoint, catalogUri);
  }

  /** Drops every table with its data and lets the init code create them again, empty. */
  public TestWarehouse reset(TableInitializer initializer) {
    for (String table : TABLES) {
      catalog.dropTable(TableIdentifier.of("market_data", table), true);
    }
    // Preparation, not the function at work: its calls must not count as the ingest function's.
    FunctionCallRecorder.asObserver(initializer::initialize);
    return this;
  }

  public RESTCatalog catalog() {
    return catalog;
  }

  public TableReader tables() {
    return tables;
  }

  public Landing landing() {
    return landing;
  }

  @Override
  public void close() {
    try {
      catalog.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
