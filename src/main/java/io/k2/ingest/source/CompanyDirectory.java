package io.k2.ingest.source;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.k2.ingest.config.K2Config;
import io.k2.ingest.event.LandedObject;
import io.k2.ingest.parse.FileRejectedException;
import io.k2.ingest.parse.ParseContext.Company;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The ASX reference data (company id to symbol), read from the landing bucket and kept while its
 * ETag is unchanged, so a warm function pays one HEAD request per file instead of a download.
 */
@Singleton
public class CompanyDirectory {

  private record Snapshot(String eTag, Map<Integer, String> symbols) {}

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
   * The company an ASX file belongs to: its file name stem is the company id ({@code
   * asx/trades/7078.csv.gz} is company 7078).
   *
   * @throws FileRejectedException when the name is not a number or the id is not listed
   * @throws ReferenceDataMissingException when the reference data has not landed yet
   */
  public Company companyOf(LandedObject object) {
    String stem = ObjectKeys.stem(object.key());
    int companyId;
    try {
      companyId = Integer.parseInt(stem);
    } catch (NumberFormatException e) {
      throw new FileRejectedException(
          "file name '" + stem + "' is not a company id: ASX files are named <company_id>.csv");
    }
    return company(object.bucket(), companyId);
  }

  /**
   * The company with this id in the bucket's reference data.
   *
   * @throws FileRejectedException when the id is not listed
   * @throws ReferenceDataMissingException when the reference data has not landed yet
   */
  public Company company(String bucket, int companyId) {
    String eTag;
    try {
      eTag = LandingStore.unquote(s3.headObject(b -> b.bucket(bucket).key(key)).eTag());
    } catch (NoSuchKeyException e) {
      throw new ReferenceDataMissingException("s3://" + bucket + "/" + key);
    }
    Snapshot snapshot = byBucket.get(bucket);
    if (snapshot == null || !snapshot.eTag().equals(eTag)) {
      snapshot = load(bucket);
      byBucket.put(bucket, snapshot);
    }
    String symbol = snapshot.symbols().get(companyId);
    if (symbol == null) {
      throw new FileRejectedException(
          "unknown company id " + companyId + ": not in s3://" + bucket + "/" + key);
    }
    return new Company(companyId, symbol);
  }

  private Snapshot load(String bucket) {
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key));
        CsvReader<NamedCsvRecord> csv =
            CsvReader.builder().ofNamedCsvRecord(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      Map<Integer, String> symbols = new HashMap<>();
      for (NamedCsvRecord row : csv) {
        symbols.put(Integer.parseInt(row.getField("company_id").trim()), row.getField("symbol").trim());
      }
      return new Snapshot(LandingStore.unquote(in.response().eTag()), Map.copyOf(symbols));
    } catch (IOException e) {
      throw new UncheckedIOException("reading reference data s3://" + bucket + "/" + key, e);
    }
  }
}
