package io.k2.ingest.lambda;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The ingest function with the skip policy: bad rows reported, good rows committed, up to 2. */
public class SkipBadRowsProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("k2.bad-rows.policy", "skip", "k2.bad-rows.max-skipped", "2");
  }
}
