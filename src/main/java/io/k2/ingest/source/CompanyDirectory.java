package io.k2.ingest.source;

import io.k2.ingest.config.K2Config;
import io.k2.ingest.event.LandedObject;
import io.k2.ingest.parse.FileRejectedException;
import io.k2.ingest.parse.ParseContext.Company;
import io.k2.ingest.parse.ParseContext.Listing;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The ASX reference data (company id to its listings: symbol, first and last day), read from the
 * landing bucket and kept while its ETag is unchanged, so a warm function pays one HEAD request per
 * file instead of a download. A malformed file is kept too, as its error: every ASX file fails with
 * it (transient) until a fixed file, with a new ETag, has landed.
 */
@Singleton
public class CompanyDirectory {

  /** One version of the reference data: its listings, or why they cannot be read. */
  private record Snapshot(
      String eTag, Map<Integer, List<Listing>> listings, ReferenceDataMalformedException problem) {}

  private final S3Client s3;
  private final String key;
  private final Map<String, Snapshot> byBucket = new ConcurrentHashMap<>();

  @Inject
  public CompanyDirectory(S3Client s3, K2Config config) {
    this.s3 = s3;
    this.key = config.landing().referenceDataKey();
  }

  public String referenceDataKey() {
    return key;
  }

  /**
   * The company an ASX file belongs to: its file name is the company id ({@code
   * asx/trades/7078.csv.gz} is company 7078; see {@link ObjectKeys#asxCompanyId}).
   *
   * @throws FileRejectedException when the name breaks the rule or the id is not listed
   * @throws ReferenceDataMissingException when the reference data has not landed yet
   * @throws ReferenceDataMalformedException when the reference data cannot be read
   */
  public Company companyOf(LandedObject object) {
    return company(object.bucket(), ObjectKeys.asxCompanyId(object.key()));
  }

  /**
   * The company with this id in the bucket's reference data.
   *
   * @throws FileRejectedException when the id is not listed
   * @throws ReferenceDataMissingException when the reference data has not landed yet
   * @throws ReferenceDataMalformedException when the reference data cannot be read
   */
  public Company company(String bucket, int companyId) {
    String eTag;
    try {
      eTag = LandingStore.unquote(s3.headObject(b -> b.bucket(bucket).key(key)).eTag());
    } catch (NoSuchKeyException e) {
      throw new ReferenceDataMissingException(location(bucket));
    }
    Snapshot snapshot = byBucket.get(bucket);
    if (snapshot == null || !snapshot.eTag().equals(eTag)) {
      snapshot = load(bucket);
      byBucket.put(bucket, snapshot);
    }
    if (snapshot.problem() != null) {
      throw new ReferenceDataMalformedException(snapshot.problem());
    }
    List<Listing> listings = snapshot.listings().get(companyId);
    if (listings == null) {
      throw new FileRejectedException(
          "unknown company id " + companyId + ": not in " + location(bucket));
    }
    return new Company(companyId, listings, location(bucket));
  }

  private Snapshot load(String bucket) {
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
      String eTag = LandingStore.unquote(in.response().eTag());
      try {
        return new Snapshot(eTag, new ReferenceDataParser(location(bucket)).parse(in), null);
      } catch (ReferenceDataMalformedException e) {
        return new Snapshot(eTag, Map.of(), e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading reference data " + location(bucket), e);
    }
  }

  private String location(String bucket) {
    return "s3://" + bucket + "/" + key;
  }
}
