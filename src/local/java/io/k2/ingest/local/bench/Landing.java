package io.k2.ingest.local.bench;

import io.k2.ingest.local.LocalFunctionConfiguration;
import io.k2.ingest.local.S3Events;
import io.k2.ingest.local.S3Events.CreatedObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Puts files into the landing bucket under the ASX routes, as the vendor's upload would. */
final class Landing {

  static final String TRADES_PREFIX = "asx/trades/";
  private static final String REFERENCE_KEY = "asx/reference-data/company_info.csv";
  private static final String BUCKET = LocalFunctionConfiguration.LANDING_BUCKET;
  private static final int PUT_ATTEMPTS = 3;

  private final S3Client s3;
  // S3 sequencers grow per key over time; starting from the clock keeps them growing.
  private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() * 1_000);

  Landing(S3Client s3) {
    this.s3 = s3;
  }

  /**
   * Lands the union of the sample's and the workload's reference data, so that both the cold-start
   * file (company 3153, from the sample) and the workload's companies resolve. It gets no event:
   * the deployment notifies only the data prefixes.
   */
  void referenceData(Path sampleCompanyInfo, Path workloadCompanyInfo) {
    try {
      LinkedHashSet<String> lines = new LinkedHashSet<>(Files.readAllLines(sampleCompanyInfo));
      List<String> own = Files.readAllLines(workloadCompanyInfo);
      lines.addAll(own.subList(1, own.size())); // without its header
      s3.putObject(
          b -> b.bucket(BUCKET).key(REFERENCE_KEY),
          RequestBody.fromString(String.join("\n", lines) + "\n", StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the reference data", e);
    }
  }

  /** Uploads a trades file; returns it as its S3 notification describes it. */
  CreatedObject trades(Path file) {
    String key = TRADES_PREFIX + file.getFileName();
    String eTag = put(key, file);
    try {
      return new CreatedObject(
          BUCKET,
          key,
          Files.size(file),
          eTag.replace("\"", ""), // HTTP quotes the ETag; S3 events carry it bare
          S3Events.sequencer(sequencer.incrementAndGet()),
          Instant.now());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /**
   * A PUT, tried up to {@value #PUT_ATTEMPTS} times. The URL-connection client reports a kept-alive
   * connection that the server has closed as an {@link UncheckedIOException}, which the SDK's retry
   * policy never sees (aws-sdk-java-v2 #7347); a new attempt opens a new connection.
   */
  private String put(String key, Path file) {
    for (int attempt = 1; ; attempt++) {
      try {
        return s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(file)).eTag();
      } catch (UncheckedIOException e) {
        if (attempt == PUT_ATTEMPTS) {
          throw new UncheckedIOException(
              "Landing " + key + " failed " + attempt + " times", e.getCause());
        }
        System.err.println(
            "land: " + key + " attempt " + attempt + " failed, retrying: " + e.getMessage());
      }
    }
  }
}
