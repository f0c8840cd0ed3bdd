package io.k2.ingest.maintain;

import io.k2.ingest.config.K2Config;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * {@code k2.maintenance.*}, checked when the function starts: a bad value fails start-up with the
 * property's name, not the first scheduled pass hours later.
 */
@Singleton
public class MaintenanceSettings {

  private final K2Config.MaintenanceConfig config;

  @Inject
  public MaintenanceSettings(K2Config config) {
    this.config = config.maintenance();
    requireNotNegative("k2.maintenance.min-partition-age", this.config.minPartitionAge());
    requireNotNegative("k2.maintenance.snapshot-max-age", this.config.snapshotMaxAge());
    if (this.config.orphanMinAge().compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException(
          "k2.maintenance.orphan-min-age is "
              + this.config.orphanMinAge()
              + ": under an hour, a file an ingest is about to commit could be deleted");
    }
    double ratio = this.config.smallFileRatio();
    if (!(ratio > 0 && ratio <= 1)) {
      throw new IllegalArgumentException(
          "k2.maintenance.small-file-ratio is " + ratio + ", expected more than 0 and at most 1");
    }
    requireAtLeast("k2.maintenance.min-input-files", this.config.minInputFiles(), 2);
    requireAtLeast("k2.maintenance.min-snapshots", this.config.minSnapshots(), 1);
    requireAtLeast(
        "k2.maintenance.manifest-rewrite-min-count", this.config.manifestRewriteMinCount(), 2);
    requireAtLeast("k2.maintenance.max-merge-bytes", this.config.maxMergeBytes(), 1 << 20);
  }

  /** Observing start-up creates this bean then, in every function, so a bad value fails start. */
  void onStart(@Observes StartupEvent started) {
    // Validation ran in the constructor.
  }

  public K2Config.MaintenanceConfig values() {
    return config;
  }

  private static void requireNotNegative(String name, Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " is " + value + ", expected zero or more");
    }
  }

  private static void requireAtLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " is " + value + ", expected " + min + " or more");
    }
  }
}
