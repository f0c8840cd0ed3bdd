package io.k2.ingest.local;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code --serve}: brings the S3 server and the REST catalog up again on the state folder after a
 * run, prints how to point common engines at them, and keeps them up until the JVM is stopped. The
 * servers accept any credentials; the tables' files are under {@code s3://warehouse/}.
 */
final class LocalServe {

  private LocalServe() {}

  static void serve(Path stateDir, PrintStream out) {
    LocalAwsEnvironment.useDummyCredentials();
    EmbeddedS3 s3 = EmbeddedS3.onDisk(stateDir.resolve("s3"));
    EmbeddedRestCatalog catalog =
        EmbeddedRestCatalog.start(
            s3.endpoint(), LocalFunctionConfiguration.WAREHOUSE, stateDir.resolve("catalog.db"));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  catalog.close();
                  s3.close();
                }));
    out.print(instructions(s3.endpoint(), catalog.uri()));
    out.flush();
    try {
      new CountDownLatch(1).await(); // until Ctrl-C
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String instructions(URI s3, URI catalog) {
    String region = LocalAwsEnvironment.REGION;
    String host = s3.getHost() + ":" + s3.getPort();
    return """

        Serving until Ctrl-C: S3 %1$s (any access key; path-style), REST catalog %2$s
        Tables: market_data.trades, market_data.quotes, market_data.ingest_log

        PyIceberg:
          from pyiceberg.catalog.rest import RestCatalog
          cat = RestCatalog("k2", uri="%2$s", **{"s3.endpoint": "%1$s",
              "s3.access-key-id": "local", "s3.secret-access-key": "local",
              "s3.region": "%3$s", "s3.force-virtual-addressing": False})
          cat.load_table("market_data.trades").scan().to_arrow()

        Spark SQL (spark-sql with iceberg-spark-runtime and iceberg-aws-bundle on the class path):
          --conf spark.sql.catalog.k2=org.apache.iceberg.spark.SparkCatalog
          --conf spark.sql.catalog.k2.type=rest --conf spark.sql.catalog.k2.uri=%2$s
          --conf spark.sql.catalog.k2.io-impl=org.apache.iceberg.aws.s3.S3FileIO
          --conf spark.sql.catalog.k2.s3.endpoint=%1$s
          --conf spark.sql.catalog.k2.s3.path-style-access=true
          --conf spark.sql.catalog.k2.client.region=%3$s
          SELECT symbol, count(*) FROM k2.market_data.trades GROUP BY symbol;

        DuckDB (iceberg and httpfs extensions):
          CREATE SECRET (TYPE s3, KEY_ID 'local', SECRET 'local', REGION '%3$s',
                         ENDPOINT '%4$s', URL_STYLE 'path', USE_SSL false);
          ATTACH 'warehouse' AS k2 (TYPE iceberg, ENDPOINT '%2$s', AUTHORIZATION_TYPE 'none');
          SELECT count(*) FROM k2.market_data.trades;

        Trino (etc/catalog/k2.properties):
          connector.name=iceberg
          iceberg.catalog.type=rest
          iceberg.rest-catalog.uri=%2$s
          fs.native-s3.enabled=true
          s3.endpoint=%1$s
          s3.path-style-access=true
          s3.region=%3$s
          s3.aws-access-key=local
          s3.aws-secret-key=local

        """
        .formatted(s3, catalog, region, host);
  }
}
