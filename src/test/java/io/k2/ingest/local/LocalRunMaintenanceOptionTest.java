package io.k2.ingest.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The local run ends with a maintenance pass, as the schedule would run it, unless told not to. */
class LocalRunMaintenanceOptionTest {

  @Test
  void maintenanceRunsUnlessSkipped() {
    assertThat(LocalRunOptions.parse().maintenance()).isTrue();
    assertThat(LocalRunOptions.parse("--json").maintenance()).isTrue();
    assertThat(LocalRunOptions.parse("--no-maintenance", "--json").maintenance()).isFalse();
    assertThat(LocalRunOptions.USAGE).contains("--no-maintenance");
  }
}
