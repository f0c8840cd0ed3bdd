package io.k2.ingest.maintain;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Expiry that keeps the newest three snapshots whatever their age, so a test sees it act. */
public class MaintenanceProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "k2.maintenance.snapshot-max-age", "PT0S",
        "k2.maintenance.min-snapshots", "3");
  }
}
