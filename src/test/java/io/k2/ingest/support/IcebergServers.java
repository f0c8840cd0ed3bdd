package io.k2.ingest.support;

import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.domain.MarketTables;
import io.k2.ingest.local.EmbeddedRestCatalog;
import io.k2.ingest.local.EmbeddedS3;
import io.k2.ingest.local.LocalClients;
import io.k2.ingest.local.LocalFunctionConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 server and an Iceberg REST catalog (SQLite behind it) in this JVM, for plain JUnit tests of
 * the stages that touch tables: each test takes a table of its own. The S3 server remembers the
 * requests it answers, so a test can tell which objects were read.
 *
 * <p>A test class shares one pair, closed after its last test: {@code @RegisterExtension static
 * final IcebergServers servers = IcebergServers.start();}
 */
public final class IcebergServers implements AutoCloseable, AfterAllCallback {

  public static final Namespace NAMESPACE = Namespace.of("market_data");

  private final EmbeddedS3 s3;
  private final EmbeddedRestCatalog server;
  private final RESTCatalog catalog;
  private final S3Client s3Client;
  private final Path dir;
  private final List<String> requests;
  private final AtomicInteger tables = new AtomicInteger();

  private IcebergServers(
      EmbeddedS3 s3, EmbeddedRestCatalog server, Path dir, List<String> requests) {
    this.s3 = s3;
    this.server = server;
    this.dir = dir;
    this.requests = requests;
    this.catalog = LocalClients.restCatalog(server.uri(), s3.endpoint());
    this.s3Client = LocalClients.s3(s3.endpoint());
    catalog.createNamespace(NAMESPACE);
  }

  public static IcebergServers start() {
    List<String> requests = new CopyOnWriteArrayList<>();
    EmbeddedS3 s3 =
        EmbeddedS3.inMemory(
            (method, path, query, headers) -> {
              requests.add(method + " " + path);
              return status -> {};
            });
    s3.createBucket(LocalFunctionConfiguration.WAREHOUSE_BUCKET);
    Path dir;
    try {
      dir = Files.createTempDirectory("k2-catalog");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    EmbeddedRestCatalog server =
        EmbeddedRestCatalog.start(
            s3.endpoint(), LocalFunctionConfiguration.WAREHOUSE, dir.resolve("catalog.db"));
    return new IcebergServers(s3, server, dir, requests);
  }

  public RESTCatalog catalog() {
    return catalog;
  }

  /** A new, empty table of {@code kind}, as init creates it, with {@code properties} laid over. */
  public Table newTable(MarketTable kind, Map<String, String> properties) {
    String name = kind.name().toLowerCase(java.util.Locale.ROOT) + "_" + tables.incrementAndGet();
    return MarketTables.definition(kind, NAMESPACE, name, properties).createIn(catalog);
  }

  public Table newTable(MarketTable kind) {
    return newTable(kind, Map.of());
  }

  /** The table as a new client loads it now. */
  public Table reload(Table table) {
    String name = table.name().substring(table.name().lastIndexOf('.') + 1);
    return catalog.loadTable(TableIdentifier.of(NAMESPACE, name));
  }

  /**
   * The requests the S3 server answered since the last call, as {@code METHOD /bucket/key}, then
   * forgotten.
   */
  public List<String> takeS3Requests() {
    List<String> taken = new ArrayList<>(requests);
    requests.removeAll(taken);
    return taken;
  }

  /** The keys of the objects stored in the warehouse bucket under {@code prefix}. */
  public List<String> keysUnder(String prefix) {
    return s3Client
        .listObjectsV2Paginator(
            b -> b.bucket(LocalFunctionConfiguration.WAREHOUSE_BUCKET).prefix(prefix))
        .contents()
        .stream()
        .map(S3Object::key)
        .sorted()
        .toList();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    try (EmbeddedS3 closingS3 = s3;
        EmbeddedRestCatalog closingServer = server;
        RESTCatalog closingCatalog = catalog;
        S3Client closingClient = s3Client) {
      // closed in reverse order: clients, then the catalog, then the S3 server
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot delete " + dir, e);
      }
    }
  }
}
