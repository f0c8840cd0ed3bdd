package io.k2.ingest.local;

import io.k2.ingest.local.LandingFiles.LandedFile;
import io.k2.ingest.local.S3Events.CreatedObject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** Puts files into the landing bucket, as a vendor's upload would, and describes what S3 made. */
final class LandingZone {

  private final S3Client s3;
  private final String bucket;
  // S3 sequencers grow per key over time; starting from the clock keeps them growing across runs.
  private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1_000);

  LandingZone(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /** Uploads the file under its key; returns the object as an S3 event would describe it. */
  CreatedObject land(LandedFile file) {
    PutObjectResponse put =
        s3.putObject(b -> b.bucket(bucket).key(file.key()), RequestBody.fromFile(file.file()));
    return new CreatedObject(
        bucket,
        file.key(),
        file.size(),
        unquoted(put.eTag()),
        S3Events.sequencer(sequence.incrementAndGet()),
        Instant.now());
  }

  /** HTTP's ETag header is quoted; S3 event notifications carry it bare. */
  static String unquoted(String eTag) {
    if (eTag != null && eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")) {
      return eTag.substring(1, eTag.length() - 1);
    }
    return eTag;
  }
}
