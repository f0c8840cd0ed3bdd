package io.k2.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.local.EmbeddedRestCatalog;
import io.k2.ingest.local.EmbeddedS3;
import io.k2.ingest.local.LocalClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The embedded S3 and REST catalog servers, through the same clients the function uses. */
class EmbeddedServersTest {

  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "symbol", Types.StringType.get()),
          Types.NestedField.required(2, "volume", Types.LongType.get()));
  private static final TableIdentifier TABLE = TableIdentifier.of("market_data", "smoke");

  @TempDir Path temp;

  @Test
  void s3ClientPutsGetsAndLists() {
    try (EmbeddedS3 s3 = EmbeddedS3.inMemory();
        S3Client client = LocalClients.s3(s3.endpoint())) {
      s3.createBucket("landing");
      s3.createBucket("landing"); // idempotent

      client.putObject(
          b -> b.bucket("landing").key("asx/trades/1 2.csv"), RequestBody.fromString("a,b\r\n"));

      String body =
          client
              .getObjectAsBytes(b -> b.bucket("landing").key("asx/trades/1 2.csv"))
              .asString(StandardCharsets.UTF_8);
      List<String> keys =
          client.listObjectsV2(b -> b.bucket("landing")).contents().stream()
              .map(S3Object::key)
              .toList();
      assertThat(body).isEqualTo("a,b\r\n");
      assertThat(keys).containsExactly("asx/trades/1 2.csv");
    }
  }

  @Test
  void restCatalogCreatesAppendsAndReadsBack() throws IOException {
    try (EmbeddedS3 s3 = EmbeddedS3.inMemory()) {
      s3.createBucket("warehouse");
      try (EmbeddedRestCatalog server =
              EmbeddedRestCatalog.start(s3.endpoint(), "s3://warehouse/", temp.resolve("c.db"));
          RESTCatalog catalog = LocalClients.restCatalog(server.uri(), s3.endpoint())) {
        catalog.createNamespace(Namespace.of("market_data"));
        Table table = catalog.createTable(TABLE, SCHEMA, PartitionSpec.unpartitioned());

        table.newAppend().appendFile(writeParquet(table, row("BHP", 100), row("CBA", 7))).commit();

        assertThat(readVolumes(catalog.loadTable(TABLE))).containsExactlyInAnyOrder(100L, 7L);
        assertThat(table.location()).startsWith("s3://warehouse/");
      }
    }
  }

  @Test
  void stateOnDiskSurvivesRestartOfBothServers() throws IOException {
    Path s3Dir = temp.resolve("s3");
    Path sqlite = temp.resolve("catalog.db");
    try (EmbeddedS3 s3 = EmbeddedS3.onDisk(s3Dir)) {
      s3.createBucket("warehouse");
      try (EmbeddedRestCatalog server =
              EmbeddedRestCatalog.start(s3.endpoint(), "s3://warehouse/", sqlite);
          RESTCatalog catalog = LocalClients.restCatalog(server.uri(), s3.endpoint())) {
        catalog.createNamespace(Namespace.of("market_data"));
        Table table = catalog.createTable(TABLE, SCHEMA, PartitionSpec.unpartitioned());
        table.newAppend().appendFile(writeParquet(table, row("NAB", 42))).commit();
      }
    }

    // A new port each time: the catalog must find its files through the new endpoint.
    try (EmbeddedS3 s3 = EmbeddedS3.onDisk(s3Dir);
        EmbeddedRestCatalog server =
            EmbeddedRestCatalog.start(s3.endpoint(), "s3://warehouse/", sqlite);
        RESTCatalog catalog = LocalClients.restCatalog(server.uri(), s3.endpoint())) {
      s3.createBucket("warehouse");
      assertThat(readVolumes(catalog.loadTable(TABLE))).containsExactly(42L);
    }
  }

  private static Record row(String symbol, long volume) {
    Record record = GenericRecord.create(SCHEMA);
    record.setField("symbol", symbol);
    record.setField("volume", volume);
    return record;
  }

  private static DataFile writeParquet(Table table, Record... rows) throws IOException {
    String path = table.locationProvider().newDataLocation(UUID.randomUUID() + ".parquet");
    DataWriter<Record> writer =
        Parquet.writeData(table.io().newOutputFile(path))
            .schema(table.schema())
            .withSpec(table.spec())
            .createWriterFunc(GenericParquetWriter::create)
            .overwrite()
            .build();
    try (writer) {
      for (Record row : rows) {
        writer.write(row);
      }
    }
    return writer.toDataFile();
  }

  private static List<Long> readVolumes(Table table) throws IOException {
    List<Long> volumes = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      rows.forEach(r -> volumes.add((Long) r.getField("volume")));
    }
    return volumes;
  }
}
