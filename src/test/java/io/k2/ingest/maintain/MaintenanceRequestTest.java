package io.k2.ingest.maintain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.TestConfigs;
import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.maintain.MaintenanceRequest.Step;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an invocation asks for, and which settings a maintenance function refuses to start with. */
class MaintenanceRequestTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aScheduledEventAsksForEverything() throws Exception {
    MaintenanceRequest request =
        MaintenanceRequest.from(
            JSON.readTree(
                "{\"version\":\"0\",\"source\":\"aws.events\",\"detail-type\":\"Scheduled"
                    + " Event\"}"));

    assertThat(request.tables()).containsExactly(MarketTable.values());
    assertThat(request.steps()).isEqualTo(EnumSet.allOf(Step.class));
    assertThat(request.minPartitionAge()).isEmpty();
  }

  @Test
  void anEventByHandNamesTablesStepsAndAge() throws Exception {
    MaintenanceRequest request =
        MaintenanceRequest.from(
            JSON.readTree(
                "{\"tables\":[\"ingest_log\",\"trades\"],\"steps\":[\"compact\"],"
                    + "\"min_partition_age\":\"PT0S\"}"));

    assertThat(request.tables()).isEqualTo(List.of(MarketTable.INGEST_LOG, MarketTable.TRADES));
    assertThat(request.steps()).containsExactly(Step.COMPACT);
    assertThat(request.minPartitionAge()).isEqualTo(Optional.of(Duration.ZERO));
  }

  @Test
  void unknownNamesAreRefusedWithWhatIsAccepted() {
    assertThatThrownBy(() -> MaintenanceRequest.from(JSON.readTree("{\"tables\":[\"trade\"]}")))
        .hasMessage("tables: unknown table 'trade' (trades, quotes or ingest_log)");
    assertThatThrownBy(() -> MaintenanceRequest.from(JSON.readTree("{\"steps\":[\"vacuum\"]}")))
        .hasMessageStartingWith("steps: unknown step 'vacuum' (compact, ");
    assertThatThrownBy(
            () -> MaintenanceRequest.from(JSON.readTree("{\"min_partition_age\":\"2h\"}")))
        .hasMessage("min_partition_age '2h' is not an ISO-8601 duration such as PT2H");
  }

  @Test
  void theDefaultsAreAccepted() {
    MaintenanceSettings settings = new MaintenanceSettings(TestConfigs.k2());

    assertThat(settings.values().orphanMinAge()).isEqualTo(Duration.ofDays(5));
    assertThat(settings.values().snapshotMaxAge()).isEqualTo(Duration.ofDays(5));
    assertThat(settings.values().minPartitionAge()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void anOrphanWindowShorterThanAnHourIsRefused() {
    assertThatThrownBy(
            () ->
                new MaintenanceSettings(
                    TestConfigs.k2(Map.of("k2.maintenance.orphan-min-age", "PT10M"))))
        .hasMessage(
            "k2.maintenance.orphan-min-age is PT10M: under an hour, a file an ingest is"
                + " about to commit could be deleted");
  }

  @Test
  void otherBadValuesNameTheirSetting() {
    assertThatThrownBy(
            () ->
                new MaintenanceSettings(
                    TestConfigs.k2(Map.of("k2.maintenance.small-file-ratio", "1.5"))))
        .hasMessage("k2.maintenance.small-file-ratio is 1.5, expected more than 0 and at most 1");
    assertThatThrownBy(
            () ->
                new MaintenanceSettings(
                    TestConfigs.k2(Map.of("k2.maintenance.min-input-files", "1"))))
        .hasMessage("k2.maintenance.min-input-files is 1, expected 2 or more");
    assertThatThrownBy(
            () ->
                new MaintenanceSettings(
                    TestConfigs.k2(Map.of("k2.maintenance.min-snapshots", "0"))))
        .hasMessage("k2.maintenance.min-snapshots is 0, expected 1 or more");
  }
}
