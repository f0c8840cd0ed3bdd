package io.k2.ingest;

import io.k2.ingest.config.K2Config;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Real, validated configuration for plain unit tests: application.properties plus overrides. */
public final class TestConfigs {

  private TestConfigs() {}

  public static K2Config k2(Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>(applicationProperties());
    values.putAll(overrides);
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(K2Config.class)
            .withSources(new PropertiesConfigSource(values, "test", 500))
            .build();
    return config.getConfigMapping(K2Config.class);
  }

  public static K2Config k2() {
    return k2(Map.of());
  }

  private static Map<String, String> applicationProperties() {
    Properties properties = new Properties();
    try (InputStream in = TestConfigs.class.getResourceAsStream("/application.properties")) {
      properties.load(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> values = new HashMap<>();
    properties
        .stringPropertyNames()
        .forEach(name -> values.put(name, properties.getProperty(name)));
    return values;
  }
}
