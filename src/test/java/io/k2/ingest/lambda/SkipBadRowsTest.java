package io.k2.ingest.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.catalog.TableInitializer;
import io.k2.ingest.support.EmbeddedServersResource;
import io.k2.ingest.support.Landing;
import io.k2.ingest.support.Landing.Landed;
import io.k2.ingest.support.TableReader;
import io.k2.ingest.support.TestWarehouse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The configurable policy that commits the good rows of a file and reports the bad ones. */
@QuarkusTest
@TestProfile(SkipBadRowsProfile.class)
@QuarkusTestResource(EmbeddedServersResource.class)
class SkipBadRowsTest {

  @Inject TableInitializer initializer;

  @ConfigProperty(name = "quarkus.s3.endpoint-override")
  URI s3Endpoint;

  @ConfigProperty(name = "k2.catalog.uri")
  URI catalogUri;

  @Test
  void commitsTheGoodRowsUpToTheLimitAndReportsTheRest() throws Exception {
    try (TestWarehouse warehouse =
        TestWarehouse.connect(s3Endpoint, catalogUri).reset(initializer)) {
      Landing landing = warehouse.landing();
      landing.put("asx/reference-data/company_info.csv", IngestFunctionTest.COMPANIES);
      Landed twoBad =
          landing.put(
              "asx/trades/7078.csv",
              "03/12/2014,10:00:00.000,36.5,10,0,,\r\n03/12/2014,10:00:01.000,abc,10,0,,\r\n"
                  + "03/12/2014,10:00:02.000,36.6,20,0,,\r\n03/12/2014,10:00:03.000,36.7,-1,0,,\r\n");
      Landed threeBad =
          landing.put(
              "asx/trades/3153.csv",
              "03/12/2014,10:00:00.000,0,10,0,,\r\n03/12/2014,10:00:01.000,abc,10,0,,\r\n"
                  + "03/12/2014,10:00:02.000,1.1,x,0,,\r\n03/12/2014,10:00:03.000,1.2,5,0,,\r\n");

      JsonPath response = IngestFunctionTest.invoke(Landing.s3Event(twoBad, threeBad));

      assertThat(response.getList("objects.status")).containsExactly("committed", "rejected");
      assertThat(response.getList("objects.rows", Long.class)).containsExactly(2L, 0L);
      assertThat(response.getList("objects.rejected_rows", Long.class)).containsExactly(2L, 3L);
      TableReader tables = warehouse.tables();
      assertThat(tables.rows("market_data.trades"))
          .extracting(r -> r.getField("volume"))
          .containsExactlyInAnyOrder(10L, 20L);
      assertThat(tables.snapshots("market_data.trades"))
          .singleElement()
          .satisfies(s -> assertThat(s.summary()).containsEntry("k2.rejected-rows", "2"));
      List<String> report =
          landing.text("_rejected/asx/trades/7078.csv.errors.jsonl").lines().toList();
      assertThat(report.get(0)).contains("\"status\":\"committed\"", "\"total_errors\":2");
      assertThat(report).hasSize(3);
      assertThat(landing.text("_rejected/asx/trades/3153.csv.errors.jsonl").lines().toList().get(0))
          .contains("\"status\":\"rejected\"", "\"total_errors\":3");
    }
  }
}
