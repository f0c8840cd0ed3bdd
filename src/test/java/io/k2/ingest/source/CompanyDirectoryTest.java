package io.k2.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.TestConfigs;
import io.k2.ingest.event.LandedObject;
import io.k2.ingest.local.EmbeddedS3;
import io.k2.ingest.local.LocalClients;
import io.k2.ingest.parse.FileRejectedException;
import io.k2.ingest.parse.ParseContext.Company;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** ASX company ids to symbols, from the reference data in the landing bucket. */
class CompanyDirectoryTest {

  private static final String KEY = "asx/reference-data/company_info.csv";

  private static EmbeddedS3 server;
  private static S3Client s3;
  private CompanyDirectory directory;

  @BeforeAll
  static void startServer() {
    server = EmbeddedS3.inMemory();
    s3 = LocalClients.s3(server.endpoint());
  }

  @AfterAll
  static void stopServer() {
    s3.close();
    server.close();
  }

  @BeforeEach
  void emptyBuckets() {
    for (String bucket : new String[] {"landing", "other"}) {
      server.createBucket(bucket);
      s3.deleteObject(b -> b.bucket(bucket).key(KEY));
    }
    directory = new CompanyDirectory(s3, TestConfigs.k2());
  }

  @Test
  void theFileNameStemIsTheCompanyIdAndTheSymbolComesFromTheReferenceData() {
    land("landing", "company_id,symbol\r\n7078, BHP \r\n3153,MWR\r\n");

    assertThat(directory.referenceDataKey()).isEqualTo(KEY);
    assertThat(directory.companyOf(object("landing", "asx/trades/7078.csv.gz")))
        .isEqualTo(new Company(7078, "BHP"));
    assertThat(directory.company("landing", 3153)).isEqualTo(new Company(3153, "MWR"));
  }

  @Test
  void aNewVersionOfTheReferenceDataIsReadAgainAndEachBucketHasItsOwn() {
    land("landing", "company_id,symbol\n7078,BHP\n");
    land("other", "company_id,symbol\n7078,OTH\n");
    assertThat(directory.company("landing", 7078).symbol()).isEqualTo("BHP");
    assertThat(directory.company("other", 7078).symbol()).isEqualTo("OTH");

    land("landing", "company_id,symbol\n7078,BHP2\n");

    assertThat(directory.company("landing", 7078).symbol()).isEqualTo("BHP2");
    assertThat(directory.company("other", 7078).symbol()).isEqualTo("OTH");
  }

  @Test
  void unknownIdsNamesThatAreNotNumbersAndMissingReferenceDataAreTold() {
    assertThatThrownBy(() -> directory.company("landing", 7078))
        .isInstanceOf(ReferenceDataMissingException.class)
        .hasMessage("reference data s3://landing/" + KEY + " has not landed yet");

    land("landing", "company_id,symbol\n7078,BHP\n");

    assertThatThrownBy(() -> directory.company("landing", 9999))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("unknown company id 9999: not in s3://landing/" + KEY);
    assertThatThrownBy(() -> directory.companyOf(object("landing", "asx/trades/abc.csv")))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("file name 'abc' is not a company id: ASX files are named <company_id>.csv");
  }

  private void land(String bucket, String csv) {
    s3.putObject(b -> b.bucket(bucket).key(KEY), RequestBody.fromString(csv));
  }

  private static LandedObject object(String bucket, String key) {
    return new LandedObject(bucket, key, null, null, null);
  }
}
