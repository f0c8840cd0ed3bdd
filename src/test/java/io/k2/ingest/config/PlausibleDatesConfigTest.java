package io.k2.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.TestConfigs;
import io.k2.ingest.config.K2Config.DateWindow;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlausibleDatesConfigTest {

  private static final String KEY = "k2.parse.plausible-dates";

  @Test
  void theDefaultIs1980To2100() {
    assertThat(TestConfigs.k2().parse().plausibleDates())
        .isEqualTo(new DateWindow(LocalDate.of(1980, 1, 1), LocalDate.of(2100, 1, 1)));
  }

  @Test
  void aWindowCanBeSet() {
    assertThat(TestConfigs.k2(Map.of(KEY, "2000-01-01/2030-12-31")).parse().plausibleDates())
        .isEqualTo(new DateWindow(LocalDate.of(2000, 1, 1), LocalDate.of(2030, 12, 31)));
  }

  @Test
  void aWrongWindowFailsAtStartNamingTheSetting() {
    assertThatThrownBy(() -> TestConfigs.k2(Map.of(KEY, "2100-01-01/1980-01-01")))
        .hasMessageContaining(KEY)
        .hasMessageContaining("the window's start 2100-01-01 is after its end 1980-01-01");
    assertThatThrownBy(() -> TestConfigs.k2(Map.of(KEY, "01/01/1980")))
        .hasMessageContaining(KEY)
        .hasMessageContaining("expected two ISO dates as earliest/latest");
  }
}
