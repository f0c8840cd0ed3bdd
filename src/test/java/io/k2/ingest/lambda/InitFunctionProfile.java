package io.k2.ingest.lambda;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Runs the same artifact as the init function. */
public class InitFunctionProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("quarkus.lambda.handler", "init");
  }
}
