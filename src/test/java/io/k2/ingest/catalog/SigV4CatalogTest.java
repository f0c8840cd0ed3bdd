package io.k2.ingest.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.TestConfigs;
import io.k2.ingest.local.EmbeddedRestCatalog;
import io.k2.ingest.local.EmbeddedS3;
import io.k2.ingest.local.LocalAwsEnvironment;
import io.k2.ingest.local.LocalFunctionConfiguration;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With SigV4 switched on through the pass-through catalog properties (as for Glue's and S3 Tables'
 * Iceberg REST endpoints), the function's catalog client signs every request: the in-process REST
 * catalog receives an {@code AWS4-HMAC-SHA256} authorization scoped to the signing name and region.
 */
class SigV4CatalogTest {

  @Test
  void everyCatalogRequestIsSignedForTheConfiguredService(@TempDir Path dir) throws Exception {
    LocalAwsEnvironment.useDummyCredentials();
    List<String> authorizations = new CopyOnWriteArrayList<>();
    try (EmbeddedS3 s3 = EmbeddedS3.inMemory();
        EmbeddedRestCatalog server =
            EmbeddedRestCatalog.start(
                s3.endpoint(),
                LocalFunctionConfiguration.WAREHOUSE,
                Files.createDirectories(dir).resolve("catalog.db"),
                (method, path, query, headers) -> {
                  authorizations.add(method + " " + path + " " + headers.apply("Authorization"));
                  return status -> {};
                })) {
      s3.createBucket(LocalFunctionConfiguration.WAREHOUSE_BUCKET);
      Catalog catalog =
          new CatalogProducer()
              .catalog(
                  TestConfigs.k2(
                      Map.of(
                          "k2.catalog.type", "rest",
                          "k2.catalog.uri", server.uri().toString(),
                          "k2.catalog.s3-endpoint", s3.endpoint().toString(),
                          "k2.catalog.s3-path-style-access", "true",
                          "k2.catalog.properties.\"rest.sigv4-enabled\"", "true",
                          "k2.catalog.properties.\"rest.signing-name\"", "s3tables",
                          "k2.catalog.properties.\"rest.signing-region\"", "ap-southeast-2")));
      try {
        ((SupportsNamespaces) catalog).createNamespace(Namespace.of("signed"));
        assertThat(((SupportsNamespaces) catalog).namespaceExists(Namespace.of("signed"))).isTrue();
      } finally {
        ((Closeable) catalog).close();
      }
    }
    assertThat(authorizations).hasSizeGreaterThanOrEqualTo(3); // config, create, exists
    assertThat(authorizations)
        .allSatisfy(
            line ->
                assertThat(line)
                    .contains(" AWS4-HMAC-SHA256 Credential=")
                    .contains("/ap-southeast-2/s3tables/aws4_request"));
  }
}
