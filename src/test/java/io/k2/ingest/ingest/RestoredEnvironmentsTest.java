package io.k2.ingest.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.catalog.TableInitializer;
import io.k2.ingest.event.EventDecoder;
import io.k2.ingest.event.ObjectEvent;
import io.k2.ingest.lambda.SnapshotHooks;
import io.k2.ingest.support.EmbeddedServersResource;
import io.k2.ingest.support.Landing;
import io.k2.ingest.support.TestWarehouse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two execution environments restored from the same primed state (the SnapStart hooks run
 * in-process, as Lambda's runtime runs them around its snapshot) both receive the same object, as
 * at-least-once delivery allows: each writes data files of its own, so cleaning up after one
 * attempt can never delete the files of the other, and each reaches the catalog through a client of
 * its own.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedServersResource.class)
class RestoredEnvironmentsTest {

  private static final String TRADES =
      "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers\n"
          + "BHP,1,ASX,2014-03-10T10:00:00,1.5,100,0\n"
          + "BHP,1,ASX,2014-03-11T10:00:00,1.6,200,0\n";

  @Inject SnapshotHooks hooks;
  @Inject ObjectStager stager;
  @Inject TableInitializer initializer;
  @Inject ObjectMapper json;

  @ConfigProperty(name = "quarkus.s3.endpoint-override")
  URI s3Endpoint;

  @ConfigProperty(name = "k2.catalog.uri")
  URI catalogUri;

  private TestWarehouse warehouse;

  @BeforeEach
  void freshTables() {
    warehouse = TestWarehouse.connect(s3Endpoint, catalogUri).reset(initializer);
  }

  @AfterEach
  void close() {
    warehouse.close();
  }

  @Test
  void environmentsRestoredFromOneSnapshotWriteFilesOfTheirOwn() throws Exception {
    Landing.Landed landed = warehouse.landing().put("trades/restored/one.csv", TRADES);
    ObjectEvent event =
        new EventDecoder(json).decode(json.readTree(Landing.s3Event(landed))).get(0);

    List<String> first = stageAsRestoredEnvironment(event);
    List<String> second = stageAsRestoredEnvironment(event);

    assertThat(first).hasSize(2);
    assertThat(second).hasSize(2).doesNotContainAnyElementsOf(first);
  }

  @Test
  void idsComeFromAGeneratorThatReadsTheKernelsEntropyOnEveryCall() {
    // UUID.randomUUID(), which names attempts and snapshots, uses the default SecureRandom. Lambda
    // re-seeds the kernel's generator on restore; an in-memory DRBG or SHA1PRNG seeded before the
    // snapshot would repeat its sequence in every restored environment.
    assertThat(new SecureRandom().getAlgorithm()).isEqualTo("NativePRNG");
  }

  /** The hooks around a snapshot, then one staging of the object; returns its data files. */
  private List<String> stageAsRestoredEnvironment(ObjectEvent event) {
    hooks.beforeCheckpoint(null);
    hooks.afterRestore(null);
    Staging staging = stager.stage(event);
    assertThat(staging).isInstanceOf(Staging.Staged.class);
    Staging.Staged staged = (Staging.Staged) staging;
    List<String> files =
        staged.object().files().dataFiles().stream().map(DataFile::location).toList();
    files.forEach(staged.table().io()::deleteFile);
    return files;
  }
}
