package io.k2.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.TestConfigs;
import io.k2.ingest.event.LandedObject;
import io.k2.ingest.local.EmbeddedS3;
import io.k2.ingest.local.LocalClients;
import io.k2.ingest.parse.FileRejectedException;
import io.k2.ingest.parse.ParseContext.Company;
import io.k2.ingest.parse.ParseContext.Listing;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Company lookups against a real S3 server: the reference data is read once per version (ETag) and
 * per bucket, a missing or malformed file fails every lookup until a good one lands.
 */
class CompanyDirectoryTest {

  private static final String KEY = "asx/reference-data/company_info.csv";
  private static final String HEADER = "company_id,symbol,company_name,ISIN,start_date,end_date\n";

  private static EmbeddedS3 server;
  private static S3Client s3;
  private static final AtomicInteger downloads = new AtomicInteger();
  private static final AtomicInteger heads = new AtomicInteger();
  private static int bucketNumber;

  private String bucket;
  private CompanyDirectory directory;

  @BeforeAll
  static void startServer() {
    server =
        EmbeddedS3.inMemory(
            (method, path, query, headers) -> {
              if (path.endsWith("/" + KEY) && method.equals("GET")) {
                downloads.incrementAndGet();
              } else if (path.endsWith("/" + KEY) && method.equals("HEAD")) {
                heads.incrementAndGet();
              }
              return status -> {};
            });
    s3 = LocalClients.s3(server.endpoint());
  }

  @AfterAll
  static void stopServer() {
    s3.close();
    server.close();
  }

  @BeforeEach
  void newBucketAndDirectory() {
    bucket = "landing" + ++bucketNumber;
    server.createBucket(bucket);
    directory = new CompanyDirectory(s3, TestConfigs.k2());
    downloads.set(0);
    heads.set(0);
  }

  @Test
  void anAsxFileBelongsToTheCompanyItsNameNames() {
    putReferenceData(
        bucket,
        "7078,BHP,TEST MINER LTD,XX1,05/07/2008,03/31/2014\n"
            + "3153,OLD,TEST WIRELESS LTD,XX2,11/06/2003,12/31/2009\n"
            + "3153,MWR,TEST WIRELESS LTD,XX2,01/01/2010,\n");

    Company company = directory.companyOf(landed(bucket, "asx/trades/2014-03-10/3153.csv.gz"));

    assertThat(company.id()).isEqualTo(3153);
    assertThat(company.listings())
        .containsExactly(
            new Listing("OLD", LocalDate.of(2003, 11, 6), LocalDate.of(2009, 12, 31), 3),
            new Listing("MWR", LocalDate.of(2010, 1, 1), null, 4));
    assertThat(company.source()).isEqualTo("s3://" + bucket + "/" + KEY);
    assertThat(directory.referenceDataKey()).isEqualTo(KEY);
  }

  @Test
  void aFileNameThatIsNoCompanyIdIsRejectedWithTheRule() {
    putReferenceData(bucket, "7078,BHP,X,Y,,\n");

    assertThatThrownBy(() -> directory.companyOf(landed(bucket, "asx/trades/7078.backup.csv")))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("ASX file name '7078.backup.csv' is not accepted: " + ObjectKeys.ASX_NAME_RULE);
  }

  @Test
  void anIdTheReferenceDataDoesNotListIsRejected() {
    putReferenceData(bucket, "7078,BHP,X,Y,,\n");

    assertThatThrownBy(() -> directory.company(bucket, 7079))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("unknown company id 7079: not in s3://" + bucket + "/" + KEY);
  }

  @Test
  void beforeTheReferenceDataLandsEveryLookupFailsAsMissingThenSucceeds() {
    assertThatThrownBy(() -> directory.company(bucket, 7078))
        .isInstanceOf(ReferenceDataMissingException.class)
        .isNotInstanceOf(FileRejectedException.class)
        .hasMessage("reference data s3://" + bucket + "/" + KEY + " has not landed yet");

    putReferenceData(bucket, "7078,BHP,X,Y,,\n");

    assertThat(directory.company(bucket, 7078).listings())
        .extracting(Listing::symbol)
        .containsExactly("BHP");
  }

  @Test
  void theDataIsDownloadedOnceWhileItsETagIsUnchangedAndAgainWhenItChanges() {
    putReferenceData(bucket, "7078,BHP,X,Y,,\n");

    assertThat(directory.company(bucket, 7078).listings().get(0).symbol()).isEqualTo("BHP");
    assertThat(directory.company(bucket, 7078).listings().get(0).symbol()).isEqualTo("BHP");
    assertThatThrownBy(() -> directory.company(bucket, 1234))
        .isInstanceOf(FileRejectedException.class);
    assertThat(downloads).hasValue(1);
    assertThat(heads).hasValue(3);

    putReferenceData(bucket, "7078,RIO,X,Y,,\n1234,ABC,X,Y,,\n");

    assertThat(directory.company(bucket, 7078).listings().get(0).symbol()).isEqualTo("RIO");
    assertThat(directory.company(bucket, 1234).listings().get(0).symbol()).isEqualTo("ABC");
    assertThat(downloads).hasValue(2);
  }

  @Test
  void eachBucketHasItsOwnReferenceData() {
    String other = bucket + "b";
    server.createBucket(other);
    putReferenceData(bucket, "7078,BHP,X,Y,,\n");
    putReferenceData(other, "7078,RIO,X,Y,,\n");

    for (int round = 0; round < 2; round++) {
      assertThat(directory.company(bucket, 7078).listings().get(0).symbol()).isEqualTo("BHP");
      assertThat(directory.company(other, 7078).listings().get(0).symbol()).isEqualTo("RIO");
      assertThat(directory.company(other, 7078).source()).isEqualTo("s3://" + other + "/" + KEY);
    }
    assertThat(downloads).hasValue(2);
  }

  @Test
  void aMalformedFileFailsEveryLookupWithoutBeingReadAgainUntilAFixedOneLands() {
    putReferenceData(bucket, "7078,BHP,X,Y,2008-05-07,\n");
    String problem =
        "reference data s3://"
            + bucket
            + "/"
            + KEY
            + " is malformed at line 2: start_date '2008-05-07' is not a date MM/DD/YYYY";

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> directory.company(bucket, 7078))
          .isInstanceOf(ReferenceDataMalformedException.class)
          .isNotInstanceOf(FileRejectedException.class)
          .hasMessage(problem);
    }
    assertThat(downloads).hasValue(1);

    putReferenceData(bucket, "7078,BHP,X,Y,05/07/2008,\n");

    assertThat(directory.company(bucket, 7078).listings())
        .containsExactly(new Listing("BHP", LocalDate.of(2008, 5, 7), null, 2));
  }

  @Test
  void theReferenceDataKeyIsConfigurable() {
    String key = "reference/companies.csv";
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(HEADER + "42,XYZ,X,Y,,\n"));
    CompanyDirectory configured =
        new CompanyDirectory(s3, TestConfigs.k2(Map.of("k2.landing.reference-data-key", key)));

    assertThat(configured.referenceDataKey()).isEqualTo(key);
    assertThat(configured.company(bucket, 42))
        .isEqualTo(
            new Company(
                42, List.of(new Listing("XYZ", null, null, 2)), "s3://" + bucket + "/" + key));
  }

  private static void putReferenceData(String bucket, String rows) {
    s3.putObject(b -> b.bucket(bucket).key(KEY), RequestBody.fromString(HEADER + rows));
  }

  private static LandedObject landed(String bucket, String key) {
    return new LandedObject(bucket, key, null, null, null);
  }
}
