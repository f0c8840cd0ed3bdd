package io.k2.ingest.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.rest.RESTCatalogAdapter;
import org.apache.iceberg.rest.RESTCatalogServlet;
import org.eclipse.jetty.compression.server.CompressionHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An Iceberg REST catalog server in this JVM: Iceberg's own test servlet on embedded Jetty, backed
 * by a JDBC catalog in a SQLite file, with table data in S3 (normally an {@link EmbeddedS3}).
 * Iceberg's {@code RESTCatalogServer} cannot be used: its constructor is package-private and it
 * fails under Quarkus test class loaders.
 */
public final class EmbeddedRestCatalog implements AutoCloseable {

  /** The access key the catalog server signs its own S3 requests (table metadata) with. */
  public static final String CATALOG_SERVER_ACCESS_KEY = "k2-catalog-server";

  private final Server server;
  private final RESTCatalogAdapter adapter;
  private final URI uri;

  private EmbeddedRestCatalog(Server server, RESTCatalogAdapter adapter, URI uri) {
    this.server = server;
    this.adapter = adapter;
    this.uri = uri;
  }

  /**
   * Starts a catalog whose tables live under {@code warehouse} (e.g. {@code s3://warehouse/}) on
   * the S3 server at {@code s3Endpoint}, and whose pointers to them live in {@code sqliteFile}.
   */
  public static EmbeddedRestCatalog start(URI s3Endpoint, String warehouse, Path sqliteFile) {
    return start(s3Endpoint, warehouse, sqliteFile, RequestListener.NONE);
  }

  /** As {@link #start(URI, String, Path)}, telling {@code listener} about every request. */
  public static EmbeddedRestCatalog start(
      URI s3Endpoint, String warehouse, Path sqliteFile, RequestListener listener) {
    QuietLogging.servers();
    LocalAwsEnvironment.useDummyCredentials();
    JdbcCatalog backend = new JdbcCatalog();
    backend.initialize("local", backendProperties(s3Endpoint, warehouse, sqliteFile));
    RESTCatalogAdapter adapter = new RESTCatalogAdapter(backend);

    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new RESTCatalogServlet(adapter)), "/*");
    // A few threads are plenty for one client at a time, and the machine may be small.
    Server server = new Server(new QueuedThreadPool(16, 2));
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new JettyListening(new CompressionHandler(context), listener));
    try {
      server.start();
    } catch (Exception e) { // Jetty's start() declares Exception; the catalog is unusable.
      IllegalStateException failure =
          new IllegalStateException("The REST catalog server did not start", e);
      try {
        adapter.close();
      } catch (IOException closing) {
        failure.addSuppressed(closing);
      }
      throw failure;
    }
    URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    return new EmbeddedRestCatalog(server, adapter, uri);
  }

  /** The properties of the JDBC catalog behind the servlet (never credentials). */
  static Map<String, String> backendProperties(URI s3Endpoint, String warehouse, Path sqliteFile) {
    createParent(sqliteFile);
    return Map.ofEntries(
        Map.entry(CatalogProperties.URI, "jdbc:sqlite:" + sqliteFile.toAbsolutePath()),
        Map.entry("jdbc.schema-version", "V1"),
        // SQLite allows one writer; a single connection avoids "database is locked".
        Map.entry(CatalogProperties.CLIENT_POOL_SIZE, "1"),
        Map.entry(CatalogProperties.WAREHOUSE_LOCATION, warehouse),
        Map.entry(CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.aws.s3.S3FileIO"),
        Map.entry("s3.endpoint", s3Endpoint.toString()),
        Map.entry("s3.path-style-access", "true"),
        Map.entry("s3.chunked-encoding-enabled", "false"), // see LocalClients#s3
        // Its own name, so that a server's request log tells the catalog's storage calls apart.
        Map.entry("s3.access-key-id", CATALOG_SERVER_ACCESS_KEY),
        Map.entry("s3.secret-access-key", "local-secret-key"),
        Map.entry("client.region", LocalAwsEnvironment.REGION),
        Map.entry("http-client.type", "urlconnection"));
  }

  private static void createParent(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
      // Registers the driver with DriverManager, which misses it under Quarkus class loaders.
      Class.forName("org.sqlite.JDBC");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + parent, e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("sqlite-jdbc is not on the class path", e);
    }
  }

  /** The catalog's base URI, the {@code uri} property of a {@code RESTCatalog} client. */
  public URI uri() {
    return uri;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) { // Jetty's stop() declares Exception.
      throw new IllegalStateException("The REST catalog server did not stop", e);
    } finally {
      closeAdapter();
    }
  }

  private void closeAdapter() {
    try {
      adapter.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Closing the JDBC catalog failed", e);
    }
  }
}
