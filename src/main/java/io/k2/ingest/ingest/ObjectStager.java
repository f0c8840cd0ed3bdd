package io.k2.ingest.ingest;

import io.k2.ingest.catalog.MarketTableRegistry;
import io.k2.ingest.commit.CommitResult;
import io.k2.ingest.commit.SourceObject;
import io.k2.ingest.commit.StagedObject;
import io.k2.ingest.commit.VersionCheck;
import io.k2.ingest.config.K2Config.Layout;
import io.k2.ingest.domain.TableDefinition;
import io.k2.ingest.event.LandedObject;
import io.k2.ingest.event.ObjectEvent;
import io.k2.ingest.failure.FailureKind;
import io.k2.ingest.failure.Misconfiguration;
import io.k2.ingest.ingest.ObjectLoader.Loaded;
import io.k2.ingest.ingest.ObjectOutcome.Commit;
import io.k2.ingest.ingest.ObjectOutcome.Load;
import io.k2.ingest.ingest.ObjectOutcome.Problem;
import io.k2.ingest.parse.FileRejectedException;
import io.k2.ingest.parse.ParseContext;
import io.k2.ingest.source.CompanyDirectory;
import io.k2.ingest.source.LandingStore;
import io.k2.ingest.source.ObjectRouter;
import io.k2.ingest.source.OpenedObject;
import io.k2.ingest.source.Route;
import io.k2.ingest.source.SourceIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.exceptions.NoSuchTableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Stages one object: routes it, skips it when already committed, and loads it into data files. It
 * commits nothing and writes no reports: the outcome says which report is due.
 */
@ApplicationScoped
public class ObjectStager {

  private final ObjectRouter router;
  private final LandingStore landing;
  private final CompanyDirectory companies;
  private final Catalog catalog;
  private final MarketTableRegistry tables;
  private final VersionCheck versions;
  private final ObjectLoader loader;

  @Inject
  public ObjectStager(
      ObjectRouter router,
      LandingStore landing,
      CompanyDirectory companies,
      Catalog catalog,
      MarketTableRegistry tables,
      VersionCheck versions,
      ObjectLoader loader) {
    this.router = router;
    this.landing = landing;
    this.companies = companies;
    this.catalog = catalog;
    this.tables = tables;
    this.versions = versions;
    this.loader = loader;
  }

  /**
   * Stages one object. Permanent problems come back as a rejected outcome; transient ones (storage,
   * catalog) and misconfigurations are thrown.
   */
  Staging stage(ObjectEvent event) {
    LandedObject object = event.object();
    if (object.key().equals(companies.referenceDataKey())) {
      return Staging.Done.of(event, Status.REFERENCE, null, null);
    }
    Route route;
    try {
      route = router.route(object);
    } catch (FileRejectedException e) {
      return rejected(event, null, e.getMessage(), new BadRows(0));
    }
    TableDefinition definition = tables.definition(route.table());
    String tableName = definition.identifier().toString();
    Table table = load(definition);
    try {
      ParseContext.Company company =
          route.layout() == Layout.ASX ? companies.companyOf(object) : null;
      try (OpenedObject opened = landing.open(object)) {
        return stageOpened(event, opened, route, table, tableName, company);
      }
    } catch (AwsServiceException e) {
      if (e.statusCode() != 412) {
        throw e;
      }
      // The read is pinned to the event's ETag: the key holds another version now, whose own
      // event brings it. The version this event names can no longer be read, nor be current.
      return Staging.Done.settled(
          event,
          tableName,
          new CommitResult.Superseded(
              null, "superseded: the key holds a later version than its event names"),
          null);
    } catch (FileRejectedException e) {
      return rejected(event, tableName, e.getMessage(), new BadRows(0));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + object.uri(), e);
    }
  }

  private Table load(TableDefinition definition) {
    Table table;
    try {
      table = catalog.loadTable(definition.identifier());
    } catch (NoSuchTableException e) {
      // Transient on purpose: the object is fine and lands once the init function has run.
      throw new NoSuchTableException(
          "table %s does not exist: run the init function first", definition.identifier());
    }
    // Rows are grouped by day before the spec is applied; any other spec would mix partitions.
    if (!table.spec().compatibleWith(definition.spec())) {
      throw new Misconfiguration(
          "k2.tables." + definition.kind().defaultName().replace('_', '-'),
          "table "
              + definition.identifier()
              + " is partitioned by "
              + table.spec().fields()
              + ", expected "
              + definition.spec().fields()
              + ": run the init function to see the"
              + " drift");
    }
    return table;
  }

  private Staging stageOpened(
      ObjectEvent event,
      OpenedObject opened,
      Route route,
      Table table,
      String tableName,
      ParseContext.Company company)
      throws IOException {
    SourceIdentity identity = opened.identity();
    LandedObject object = event.object();
    Optional<CommitResult> settled =
        versions.beforeReading(table, identity, object.sequencer(), route.corrections());
    if (settled.isPresent()) {
      return Staging.Done.settled(event, tableName, settled.get(), null);
    }
    if (identity.size() == 0) {
      throw new FileRejectedException("empty object: 0 bytes");
    }
    // The landing time, not the wall clock: the same object always yields the same rows.
    ParseContext context =
        new ParseContext(
            route.table(),
            object.uri(),
            opened.landedAt().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC),
            company);
    long started = System.nanoTime();
    // File names of this attempt alone: cleaning up after a failure can never delete the files
    // of another delivery of the same object, which may be committed.
    String attempt = UUID.randomUUID().toString().substring(0, 8);
    String fileId = SourceObject.idOf(identity) + "-" + attempt;
    Loaded loaded =
        loader.load(table, route.layout(), context, opened.text(), opened::finish, fileId);
    if (loaded.refused()) {
      return rejected(event, tableName, loaded.refusal(), loaded.badRows());
    }
    BadRows badRows = loaded.badRows();
    RejectionReport.Report report =
        badRows.total() == 0
            ? null
            : new RejectionReport.Report(
                object,
                "committed",
                badRows.summary(object.uri()),
                badRows.total(),
                badRows.listed());
    String rowsId =
        SourceObject.rowsIdOf(
            tableName,
            route.layout().name(),
            company == null ? null : Integer.toString(company.id()),
            loaded.sha256());
    SourceObject source =
        new SourceObject(
            identity,
            loaded.sha256(),
            loaded.files().rows(),
            badRows.total(),
            rowsId,
            object.sequencer(),
            route.corrections());
    long writeMillis = (System.nanoTime() - started) / 1_000_000;
    return new Staging.Staged(
        event, tableName, table, new StagedObject(source, loaded.files()), writeMillis, report);
  }

  private Staging rejected(ObjectEvent event, String tableName, String error, BadRows badRows) {
    LandedObject object = event.object();
    // Never write into a bucket the function was not given: that is where a refused event points.
    RejectionReport.Report report =
        router.isLandingBucket(object.bucket())
            ? new RejectionReport.Report(
                object, "rejected", error, badRows.total(), List.copyOf(badRows.listed()))
            : null;
    ObjectOutcome outcome =
        ObjectOutcome.of(
            event,
            Status.REJECTED,
            tableName,
            new Load(0, badRows.total(), 0, 0, 0, null),
            Commit.NONE,
            new Problem(FailureKind.PERMANENT, error));
    return new Staging.Done(event, outcome, report);
  }
}
