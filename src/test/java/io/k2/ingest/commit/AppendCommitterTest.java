package io.k2.ingest.commit;

import static io.k2.ingest.support.TradeRows.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.TestConfigs;
import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.domain.MarketTables;
import io.k2.ingest.domain.TableDefinition;
import io.k2.ingest.source.SourceIdentity;
import io.k2.ingest.support.MarketRows;
import io.k2.ingest.write.ObjectFileWriter;
import io.k2.ingest.write.WrittenFiles;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AppendCommitterTest {

  private static final TableIdentifier TRADES = TableIdentifier.of("market_data", "trades");

  private InMemoryCatalog catalog;
  private final AppendCommitter committer = new AppendCommitter(TestConfigs.k2());

  @BeforeEach
  void setUp() {
    catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("market_data"));
    TableDefinition trades =
        MarketTables.definition(
            MarketTable.TRADES, Namespace.of("market_data"), "trades", Map.of());
    trades.createIn(catalog);
  }

  @Test
  void appendsOneSnapshotRecordingTheSourceObject() {
    Table table = catalog.loadTable(TRADES);
    SourceObject source = source("asx/trades/7078.csv", "etag-1", "aa11");

    CommitOutcome outcome =
        committer.append(table, write(table, source).dataFiles(), List.of(source));

    assertThat(outcome.committed()).isTrue();
    assertThat(outcome.retries()).isZero();
    Snapshot snapshot = catalog.loadTable(TRADES).currentSnapshot();
    assertThat(snapshot.snapshotId()).isEqualTo(outcome.snapshotId());
    assertThat(snapshot.operation()).isEqualTo("append");
    // The identity of bucket and key, of the version (ETag and size) and of the rows (content).
    assertThat(snapshot.summary())
        .containsEntry("k2.sources", "1")
        .containsEntry(
            "k2.objects",
            SourceObject.keyIdOf("landing", "asx/trades/7078.csv")
                + ":"
                + SourceObject.idOf(
                    new SourceIdentity("landing", "asx/trades/7078.csv", "etag-1", null, 123))
                + ":-:aa11:r")
        .containsEntry("k2.rows", "3")
        .containsEntry("added-records", "3");
  }

  @Test
  void refusesAnObjectCommittedConcurrentlyAfterRetrying() {
    Table mine = catalog.loadTable(TRADES);
    Table theirs = catalog.loadTable(TRADES);
    SourceObject source = source("asx/trades/7078.csv", "etag-1", "aa11");
    WrittenFiles files = write(mine, source);
    CommitOutcome first = committer.append(theirs, files.dataFiles(), List.of(source));

    // "mine" was loaded before that commit; the validation run inside the commit, against the
    // refreshed history, finds the object already there.
    CommitOutcome second = committer.append(mine, files.dataFiles(), List.of(source));

    assertThat(second.committed()).isFalse();
    assertThat(second.snapshotId()).isEqualTo(first.snapshotId());
    assertThat(catalog.loadTable(TRADES).snapshots()).hasSize(1);
  }

  @Test
  void commitsDifferentObjectsRacingForTheSameTable() {
    Table mine = catalog.loadTable(TRADES);
    Table theirs = catalog.loadTable(TRADES);
    SourceObject a = source("asx/trades/1.csv", "e1", "aa");
    SourceObject b = source("asx/trades/2.csv", "e2", "bb");
    committer.append(theirs, write(theirs, a).dataFiles(), List.of(a));

    CommitOutcome outcome = committer.append(mine, write(mine, b).dataFiles(), List.of(b));

    assertThat(outcome.committed()).isTrue();
    assertThat(catalog.loadTable(TRADES).currentSnapshot().summary())
        .containsEntry("total-records", "6");
  }

  @Test
  void findsTheSameContentLandedUnderAnotherKey() {
    Table table = catalog.loadTable(TRADES);
    SourceObject original = source("asx/trades/7078.csv", "e1", "same-sha");
    committer.append(table, write(table, original).dataFiles(), List.of(original));
    SourceObject copy = source("asx/trades/copy-of-7078.csv", "e1", "same-sha");

    CommitOutcome outcome = committer.append(table, write(table, copy).dataFiles(), List.of(copy));

    assertThat(outcome.committed()).isFalse();
    assertThat(CommittedObjects.withContent(catalog.loadTable(TRADES), "same-sha")).isPresent();
  }

  @Test
  void findsTheSnapshotThatAddedAVersionOrItsRows() {
    Table table = catalog.loadTable(TRADES);
    SourceObject first = source("asx/trades/1.csv", "e1", "rows-1");
    SourceObject second = source("asx/trades/2.csv", "e2", "rows-2");
    long s1 = committer.append(table, write(table, first).dataFiles(), List.of(first)).snapshotId();
    long s2 =
        committer.append(table, write(table, second).dataFiles(), List.of(second)).snapshotId();

    assertThat(CommittedObjects.withId(table, first.id())).get().isEqualTo(table.snapshot(s1));
    assertThat(CommittedObjects.withId(table, second.id())).get().isEqualTo(table.snapshot(s2));
    assertThat(CommittedObjects.withContent(table, "rows-1")).get().isEqualTo(table.snapshot(s1));
    assertThat(CommittedObjects.withId(table, "unknown")).isEmpty();
    assertThat(CommittedObjects.withContent(table, "rows-9")).isEmpty();
  }

  @Test
  void theSameBytesUnderTwoCompaniesAreTwoRowsIdentities() {
    String sha = "ab".repeat(32);

    assertThat(SourceObject.rowsIdOf("trades", "ASX", "7078", sha))
        .isNotEqualTo(SourceObject.rowsIdOf("trades", "ASX", "3153", sha))
        .isNotEqualTo(SourceObject.rowsIdOf("trades", "ASX", null, sha));
    assertThat(SourceObject.rowsIdOf("trades", "CSV", null, sha))
        .isEqualTo(SourceObject.rowsIdOf("trades", "CSV", null, sha));
  }

  private static SourceObject source(String key, String eTag, String sha) {
    return new SourceObject(new SourceIdentity("landing", key, eTag, null, 123), sha, 3, 0);
  }

  private static WrittenFiles write(Table table, SourceObject source) {
    ObjectFileWriter writer = new ObjectFileWriter(table, source.id(), 1000);
    writer.write(MarketRows.of(trade("2014-03-10T10:00:00", "1.5", 10, 1)));
    writer.write(MarketRows.of(trade("2014-03-10T10:00:01", "1.6", 20, 2)));
    writer.write(MarketRows.of(trade("2014-03-11T10:00:00", "1.7", 30, 1)));
    return writer.finish();
  }
}
