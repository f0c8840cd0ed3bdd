package io.k2.ingest.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.TestConfigs;
import io.k2.ingest.failure.Misconfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigCheckTest {

  @Test
  void theShippedSettingsPass() {
    assertThatCode(() -> ConfigCheck.verify(TestConfigs.k2())).doesNotThrowAnyException();
  }

  @Test
  void aRouteIntoTheLoadHistoryNamesTheSetting() {
    assertMisconfigured(Map.of("k2.routes[1].table", "ingest_log"), "k2.routes[1].table");
  }

  @Test
  void aPrefixRoutedTwiceNamesTheSetting() {
    assertMisconfigured(Map.of("k2.routes[1].prefix", "trades/"), "k2.routes[1].prefix");
  }

  @Test
  void valuesOutOfBoundsNameTheSetting() {
    assertMisconfigured(Map.of("k2.write.buffer-rows", "0"), "k2.write.buffer-rows");
    assertMisconfigured(Map.of("k2.write.parallelism", "-1"), "k2.write.parallelism");
    assertMisconfigured(Map.of("k2.bad-rows.max-skipped", "-1"), "k2.bad-rows.max-skipped");
    assertMisconfigured(Map.of("k2.landing.max-object-bytes", "0"), "k2.landing.max-object-bytes");
  }

  @Test
  void anUnknownCatalogTypeOrAMissingUriNamesTheSetting() {
    assertMisconfigured(Map.of("k2.catalog.type", "hive2"), "k2.catalog.type");
    assertMisconfigured(Map.of("k2.catalog.type", "rest"), "k2.catalog.uri");
  }

  private static void assertMisconfigured(Map<String, String> settings, String setting) {
    assertThatThrownBy(() -> ConfigCheck.verify(TestConfigs.k2(settings)))
        .isInstanceOfSatisfying(
            Misconfiguration.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.setting()).isEqualTo(setting))
        .hasMessageStartingWith(setting + ": ");
  }
}
