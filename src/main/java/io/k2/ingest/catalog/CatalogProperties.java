package io.k2.ingest.catalog;

import io.k2.ingest.config.K2Config;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.CatalogUtil;

/**
 * Turns the typed catalog settings into the property map Iceberg's catalog loader understands, so
 * that REST, Glue and JDBC catalogs differ only in configuration.
 */
final class CatalogProperties {

  private CatalogProperties() {}

  static Map<String, String> from(K2Config.CatalogConfig config) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put(CatalogUtil.ICEBERG_CATALOG_TYPE, config.type());
    config.uri().ifPresent(uri -> props.put(org.apache.iceberg.CatalogProperties.URI, uri));
    props.put(org.apache.iceberg.CatalogProperties.WAREHOUSE_LOCATION, config.warehouse());
    props.put(
        org.apache.iceberg.CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.aws.s3.S3FileIO");
    // The URL-connection client is the only SDK HTTP client shipped with the function.
    props.put("http-client.type", "urlconnection");
    config.region().ifPresent(region -> props.put("client.region", region));
    config.s3Endpoint().ifPresent(endpoint -> props.put("s3.endpoint", endpoint));
    if (config.s3Endpoint().filter(endpoint -> endpoint.startsWith("http:")).isPresent()) {
      // Over plain HTTP the SDK signs streamed uploads chunk by chunk (aws-chunked). S3-compatible
      // servers that answer once they hold the declared bytes, before the final signed chunk,
      // leave the client writing into a closed connection; a body signed whole avoids that.
      props.put("s3.chunked-encoding-enabled", "false");
    }
    if (config.s3PathStyleAccess()) {
      props.put("s3.path-style-access", "true");
    }
    if ("jdbc".equals(config.type())) {
      // V1 keeps views out of the schema, which SQLite and older PostgreSQL set-ups accept as is.
      props.putIfAbsent("jdbc.schema-version", "V1");
    }
    props.putAll(config.properties());
    return props;
  }
}
