package io.k2.ingest.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.support.IcebergServers;
import java.util.List;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-key ledger beside a table: one entry per key and commit, the newest winning whatever
 * order writers finish in, older ones pruned, and a marker per rows identity.
 */
class VersionLedgerTest {

  @RegisterExtension static final IcebergServers servers = IcebergServers.start();

  @Test
  void theLedgerLivesBesideTheTableUnderItsNameAndUuid() {
    Table table = servers.newTable(MarketTable.TRADES);
    String location = table.location();
    String namespaceLocation = location.substring(0, location.lastIndexOf('/'));
    String name = location.substring(location.lastIndexOf('/') + 1);

    assertThat(VersionLedger.root(table))
        .isEqualTo(namespaceLocation + "/_k2_ledger/" + name + "/" + table.uuid() + "/")
        .doesNotStartWith(location + "/");
  }

  @Test
  void anEntryPerKeyAndCommitAndAMarkerPerRowsTheNewestWins() {
    Table table = servers.newTable(MarketTable.TRADES);
    KeyState at5 = state("key-a", "rows-5", 5);
    KeyState at3 = state("key-a", "rows-3", 3);

    VersionLedger.record(table, at5, true);
    // An older state written late (a slower concurrent writer) does not win.
    VersionLedger.record(table, at3, true);

    assertThat(VersionLedger.latest(table, "key-a")).contains(at5);
    assertThat(VersionLedger.keysWithRows(table, "rows-5")).containsExactly("key-a");
    assertThat(VersionLedger.keysWithRows(table, "rows-3")).containsExactly("key-a");
    assertThat(VersionLedger.keysWithRows(table, "rows-9")).isEmpty();
    assertThat(VersionLedger.latest(table, "key-b")).isEmpty();
    String keys = KeyHistoryTest.ledgerKeys(table) + "key-a/";
    assertThat(servers.keysUnder(keys))
        .containsExactly(keys + "00000000000000000003.json", keys + "00000000000000000005.json");

    KeyState at7 = state("key-a", "rows-7", 7);
    VersionLedger.record(table, at7, true);

    assertThat(VersionLedger.latest(table, "key-a")).contains(at7);
    assertThat(servers.keysUnder(keys)).containsExactly(keys + "00000000000000000007.json");
  }

  @Test
  void anEntryOfTheSameCommitIsKeptUnlessReplaced() {
    Table table = servers.newTable(MarketTable.TRADES);
    KeyState known = state("key-a", "rows-4", 4);
    KeyState lessKnown = new KeyState("key-a", List.of(), List.of("old"), 40, 4);

    VersionLedger.record(table, known, true);
    VersionLedger.record(table, lessKnown, false);
    assertThat(VersionLedger.latest(table, "key-a")).contains(known);

    VersionLedger.record(table, lessKnown, true);
    assertThat(VersionLedger.latest(table, "key-a")).contains(lessKnown);
  }

  @Test
  void keysThatHeldTheSameRowsAreAllListed() {
    Table table = servers.newTable(MarketTable.TRADES);
    VersionLedger.record(table, state("key-a", "rows", 1), true);
    VersionLedger.record(table, state("key-b", "rows", 2), true);

    assertThat(VersionLedger.keysWithRows(table, "rows"))
        .containsExactlyInAnyOrder("key-a", "key-b");
  }

  private static KeyState state(String key, String rowsId, long sequence) {
    KeyState.Version version =
        new KeyState.Version(
            "v" + sequence, rowsId, null, "sha", "etag:" + sequence, 10 * sequence);
    return new KeyState(key, List.of(version), List.of(), 10 * sequence, sequence);
  }
}
