package io.k2.ingest.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native image must keep for reflection, one target per reason: the libraries below
 * instantiate these by class name (from configuration or file metadata), which static analysis
 * cannot see. Only read by {@code ./mvnw package -Pnative}; the JVM build ignores it. Not verified:
 * no native image can be built on the machines this was written on (see README "Native build").
 * Resources and JNI are in application.properties and META-INF/native-image.
 */
@RegisterForReflection(
    targets = {
      // Iceberg CatalogUtil.buildIcebergCatalog loads the catalog named by k2.catalog.type.
      org.apache.iceberg.rest.RESTCatalog.class,
      org.apache.iceberg.aws.glue.GlueCatalog.class,
      org.apache.iceberg.jdbc.JdbcCatalog.class,
      // Iceberg CatalogUtil.loadFileIO: io-impl=org.apache.iceberg.aws.s3.S3FileIO.
      org.apache.iceberg.aws.s3.S3FileIO.class,
      // iceberg-aws AwsClientFactories: client.factory default, by name.
      org.apache.iceberg.aws.AwsClientFactories.class,
      // REST auth managers, chosen by rest.auth.type / rest.sigv4-enabled, by name.
      org.apache.iceberg.rest.auth.NoopAuthManager.class,
      org.apache.iceberg.rest.auth.BasicAuthManager.class,
      org.apache.iceberg.aws.RESTSigV4AuthManager.class,
      // Avro: manifest lists and manifests are read into these by constructor, by name.
      org.apache.iceberg.GenericManifestFile.class,
      org.apache.iceberg.GenericPartitionFieldSummary.class,
      // Hadoop Configuration finds its StAX parser through the service loader.
      com.ctc.wstx.stax.WstxInputFactory.class,
      // AWS SDK: the HTTP client service Iceberg's clients discover (http-client.type).
      software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService.class,
    },
    classNames = {
      // Avro, as above; package-private in Iceberg.
      "org.apache.iceberg.GenericManifestEntry",
      "org.apache.iceberg.GenericDataFile",
      "org.apache.iceberg.GenericDeleteFile",
      // Parquet CodecFactory instantiates the Hadoop codec for write.parquet.compression-codec.
      "org.apache.parquet.hadoop.codec.ZstandardCodec",
    })
final class NativeReflection {

  private NativeReflection() {}
}
