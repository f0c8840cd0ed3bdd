package io.k2.ingest.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.TestConfigs;
import io.k2.ingest.local.EmbeddedRestCatalog;
import io.k2.ingest.local.EmbeddedS3;
import io.k2.ingest.local.LocalAwsEnvironment;
import io.k2.ingest.local.LocalFunctionConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog around a SnapStart snapshot, against the in-process REST catalog: it is built (and
 * checked) at start; releasing it closes its client, whose pooled connections could not outlive a
 * restore; the next call opens a new client, which talks to the catalog afresh.
 */
class RestorableCatalogTest {

  @Test
  void aReleasedClientIsClosedAndTheNextCallOpensAnother(@TempDir Path dir) throws Exception {
    LocalAwsEnvironment.useDummyCredentials();
    List<String> requests = new CopyOnWriteArrayList<>();
    try (EmbeddedS3 s3 = EmbeddedS3.inMemory();
        EmbeddedRestCatalog server =
            EmbeddedRestCatalog.start(
                s3.endpoint(),
                LocalFunctionConfiguration.WAREHOUSE,
                Files.createDirectories(dir).resolve("catalog.db"),
                (method, path, query, headers) -> {
                  requests.add(method + " " + path);
                  return status -> {};
                })) {
      s3.createBucket(LocalFunctionConfiguration.WAREHOUSE_BUCKET);
      RestorableCatalog catalog =
          new CatalogProducer()
              .catalog(
                  TestConfigs.k2(
                      Map.of(
                          "k2.catalog.type",
                          "rest",
                          "k2.catalog.uri",
                          server.uri().toString(),
                          "k2.catalog.s3-endpoint",
                          s3.endpoint().toString(),
                          "k2.catalog.s3-path-style-access",
                          "true")));
      try {
        assertThat(requests)
            .as("the start-up check reaches the catalog")
            .contains("GET /v1/config");
        catalog.createNamespace(Namespace.of("before"));
        Catalog beforeSnapshot = catalog.client();

        catalog.release();
        requests.clear();

        assertThatThrownBy(() -> beforeSnapshot.listTables(Namespace.of("before")))
            .as("the released client's connection pool is shut down")
            .hasMessageContaining("shut down");
        assertThat(requests).as("nothing reopened until used").isEmpty();
        assertThat(catalog.namespaceExists(Namespace.of("before"))).isTrue();
        assertThat(catalog.client()).isNotSameAs(beforeSnapshot);
        assertThat(requests).startsWith("GET /v1/config");
      } finally {
        catalog.close();
      }
    }
  }
}
