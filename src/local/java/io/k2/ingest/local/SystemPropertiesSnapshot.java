package io.k2.ingest.local;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * For tests of code that configures functions through system properties: puts them back as they
 * were. It restores in place rather than with {@link System#setProperties}, because a Quarkus
 * application already running in the same JVM may hold the very {@link Properties} object.
 */
final class SystemPropertiesSnapshot {

  private final Map<String, String> saved;

  private SystemPropertiesSnapshot(Map<String, String> saved) {
    this.saved = saved;
  }

  static SystemPropertiesSnapshot take() {
    Map<String, String> saved = new HashMap<>();
    Properties properties = System.getProperties();
    properties.stringPropertyNames().forEach(name -> saved.put(name, properties.getProperty(name)));
    return new SystemPropertiesSnapshot(saved);
  }

  void restore() {
    for (String name : System.getProperties().stringPropertyNames()) {
      if (!saved.containsKey(name)) {
        System.clearProperty(name);
      }
    }
    saved.forEach(System::setProperty);
  }
}
