package io.k2.ingest.commit;

import static io.k2.ingest.support.TradeRows.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.config.K2Config.Corrections;
import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.domain.MarketTables;
import io.k2.ingest.source.SourceIdentity;
import io.k2.ingest.support.MarketRows;
import io.k2.ingest.write.ObjectFileWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The version decisions on their own, on an in-memory table (no ledger there: the snapshot
 * summaries are the record). Versioned buckets keep old versions readable, so the order of writes
 * must come from the event's sequencer.
 */
class TableCommitterTest {

  private static final TableIdentifier TRADES = TableIdentifier.of("market_data", "trades");
  private static final String KEY = "asx/trades/7078.csv";

  private InMemoryCatalog catalog;
  private final KeyHistory history = new KeyHistory(Duration.ofDays(1));
  private final VersionCheck check = new VersionCheck(history, true);
  private final TableCommitter committer =
      new TableCommitter(new AppendCommitter(history, true), check, history);

  @BeforeEach
  void setUp() {
    catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("market_data"));
    MarketTables.definition(MarketTable.TRADES, Namespace.of("market_data"), "trades", Map.of())
        .createIn(catalog);
  }

  @Test
  void anOlderVersionByItsSequencerIsSupersededBeforeAndAtCommit() {
    Table table = catalog.loadTable(TRADES);
    StagedObject v2 = staged(table, "v2", "00000000000000000200", Corrections.REPLACE, 2);
    assertThat(committer.commit(table, List.of(v2)).get(v2))
        .isInstanceOf(CommitResult.Committed.class);

    assertThat(
            check.beforeReading(table, identity("v1"), "00000000000000000100", Corrections.REPLACE))
        .get()
        .isInstanceOf(CommitResult.Superseded.class);
    StagedObject v1 = staged(table, "v1", "00000000000000000100", Corrections.REPLACE, 1);
    assertThat(committer.commit(table, List.of(v1)).get(v1))
        .isInstanceOf(CommitResult.Superseded.class);
    assertThat(
            check.beforeReading(table, identity("v3"), "00000000000000000300", Corrections.REPLACE))
        .isEmpty();
    assertThat(rowsOf(table)).isEqualTo(2);
  }

  @Test
  void twoVersionsOfOneKeyInOneBatchCommitTheLaterOnly() {
    Table table = catalog.loadTable(TRADES);
    StagedObject later = staged(table, "v2", "0200", Corrections.REPLACE, 2);
    StagedObject earlier = staged(table, "v1", "0100", Corrections.REPLACE, 1);

    Map<StagedObject, CommitResult> results = committer.commit(table, List.of(later, earlier));

    assertThat(results.get(later)).isInstanceOf(CommitResult.Committed.class);
    assertThat(results.get(earlier)).isInstanceOf(CommitResult.Superseded.class);
    assertThat(rowsOf(table)).isEqualTo(2);
    assertThatThrownBy(() -> table.io().newInputFile(earlier.files().dataFiles().get(0).location()))
        .as("the superseded version's files are deleted")
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aNewVersionReplacesAppendsOrIsIgnoredAsTheRouteSays() {
    Table table = catalog.loadTable(TRADES);
    committer.commit(table, List.of(staged(table, "v1", "01", Corrections.REPLACE, 3)));

    StagedObject ignored = staged(table, "v2", "02", Corrections.IGNORE, 2);
    assertThat(committer.commit(table, List.of(ignored)).get(ignored))
        .isInstanceOf(CommitResult.Ignored.class);
    assertThat(rowsOf(table)).isEqualTo(3);

    StagedObject appended = staged(table, "v3", "03", Corrections.APPEND, 2);
    assertThat(committer.commit(table, List.of(appended)).get(appended))
        .isInstanceOfSatisfying(
            CommitResult.Committed.class, c -> assertThat(c.replaced()).isNull());
    assertThat(rowsOf(table)).isEqualTo(5);

    StagedObject replacing = staged(table, "v4", "04", Corrections.REPLACE, 1);
    CommitResult result = committer.commit(table, List.of(replacing)).get(replacing);
    assertThat(result)
        .isInstanceOfSatisfying(
            CommitResult.Committed.class, c -> assertThat(c.replaced().versions()).hasSize(2));
    assertThat(rowsOf(table)).isEqualTo(1);
    assertThat(table.currentSnapshot().operation()).isEqualTo("overwrite");
    // Files of the key alone are dropped whole (their exact source_file bounds say so).
    assertThat(table.currentSnapshot().summary())
        .containsEntry("deleted-data-files", "2")
        .containsEntry("added-data-files", "1");
  }

  @Test
  void theSameRowsUnderAnotherKeyAreADuplicateOnlyWhenTheKeyAddsNothingToThem() {
    Table table = catalog.loadTable(TRADES);
    String sha = "ab".repeat(32);
    StagedObject a =
        staged(table, "a.csv", "e1", "01", SourceObject.rowsIdOf("t", "CSV", null, sha), 1);
    StagedObject b =
        staged(table, "b.csv", "e1", "01", SourceObject.rowsIdOf("t", "CSV", null, sha), 1);
    StagedObject other =
        staged(table, "c.csv", "e1", "01", SourceObject.rowsIdOf("t", "ASX", "3153", sha), 1);

    committer.commit(table, List.of(a));
    assertThat(committer.commit(table, List.of(b)).get(b))
        .isInstanceOf(CommitResult.Duplicate.class);
    assertThat(committer.commit(table, List.of(other)).get(other))
        .isInstanceOf(CommitResult.Committed.class);
  }

  private static SourceIdentity identity(String eTag) {
    return new SourceIdentity("landing", KEY, eTag, null, 100);
  }

  private static StagedObject staged(
      Table table, String eTag, String sequencer, Corrections corrections, int rows) {
    SourceIdentity identity = identity(eTag);
    SourceObject source =
        new SourceObject(identity, eTag + "-sha", rows, 0, eTag + "-rows", sequencer, corrections);
    return new StagedObject(source, write(table, rows));
  }

  private static StagedObject staged(
      Table table, String key, String eTag, String sequencer, String rowsId, int rows) {
    SourceIdentity identity = new SourceIdentity("landing", "trades/" + key, eTag, null, 100);
    SourceObject source =
        new SourceObject(identity, "sha", rows, 0, rowsId, sequencer, Corrections.REPLACE);
    return new StagedObject(source, write(table, rows));
  }

  private static io.k2.ingest.write.WrittenFiles write(Table table, int rows) {
    ObjectFileWriter writer = new ObjectFileWriter(table, UUID.randomUUID().toString(), 1000);
    for (int i = 0; i < rows; i++) {
      writer.write(MarketRows.of(trade("2014-03-10T10:00:0" + i, "1.5", 10 + i, i + 1)));
    }
    return writer.finish();
  }

  private static long rowsOf(Table table) {
    table.refresh();
    return Long.parseLong(table.currentSnapshot().summary().get("total-records"));
  }
}
