package io.k2.ingest.ingest;

import io.k2.ingest.catalog.MarketTableRegistry;
import io.k2.ingest.commit.CommittedObjects;
import io.k2.ingest.commit.SourceObject;
import io.k2.ingest.config.K2Config;
import io.k2.ingest.config.K2Config.BadRowPolicy;
import io.k2.ingest.config.K2Config.Layout;
import io.k2.ingest.domain.TableDefinition;
import io.k2.ingest.event.LandedObject;
import io.k2.ingest.parse.FileRejectedException;
import io.k2.ingest.parse.ParserFactory;
import io.k2.ingest.parse.ParseContext;
import io.k2.ingest.parse.RowError;
import io.k2.ingest.parse.RowSink;
import io.k2.ingest.source.CompanyDirectory;
import io.k2.ingest.source.LandingStore;
import io.k2.ingest.source.ObjectRouter;
import io.k2.ingest.source.OpenedObject;
import io.k2.ingest.source.Route;
import io.k2.ingest.source.SourceIdentity;
import io.k2.ingest.write.ObjectFileWriter;
import io.k2.ingest.write.WrittenFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * Stages one object: routes it, reads it, parses and validates every row, and writes its sorted
 * data files. It commits nothing; a staged object's files are either committed by {@link
 * TableBatchCommitter} or deleted. A rejected object leaves no files behind.
 */
@ApplicationScoped
public class ObjectStager {

  private final ObjectRouter router;
  private final LandingStore landing;
  private final CompanyDirectory companies;
  private final Catalog catalog;
  private final MarketTableRegistry tables;
  private final RejectionReport reports;
  private final K2Config.BadRowsConfig badRowsConfig;
  private final int bufferRows;
  private final boolean skipSameContent;
  private final ParserFactory parsers = new ParserFactory();

  @Inject
  public ObjectStager(
      ObjectRouter router,
      LandingStore landing,
      CompanyDirectory companies,
      Catalog catalog,
      MarketTableRegistry tables,
      RejectionReport reports,
      K2Config config) {
    this.router = router;
    this.landing = landing;
    this.companies = companies;
    this.catalog = catalog;
    this.tables = tables;
    this.reports = reports;
    this.badRowsConfig = config.badRows();
    this.bufferRows = config.write().bufferRows();
    this.skipSameContent = config.duplicates().skipSameContent();
  }

  /**
   * Stages one object. Permanent problems come back as a rejected outcome; transient ones (storage,
   * catalog) are thrown, for the caller to retry.
   */
  Staging stage(LandedObject object, String messageId) {
    if (object.key().equals(companies.referenceDataKey())) {
      return done(ObjectOutcome.of(Status.REFERENCE, object.bucket(), object.key(), null, null, messageId));
    }
    Route route;
    try {
      route = router.route(object);
    } catch (FileRejectedException e) {
      return done(reject(object, null, e.getMessage(), new BadRows(0), messageId));
    }
    TableDefinition definition = tables.definition(route.table());
    String tableName = definition.identifier().toString();
    Table table;
    try {
      table = catalog.loadTable(definition.identifier());
    } catch (NoSuchTableException e) {
      // Transient on purpose: the object is fine and lands once the init function has run.
      throw new NoSuchTableException(
          "table %s does not exist: run the init function first", tableName);
    }
    try {
      ParseContext.Company company = route.layout() == Layout.ASX ? companies.companyOf(object) : null;
      try (OpenedObject opened = landing.open(object)) {
        return stageOpened(object, opened, route, table, tableName, company, messageId);
      }
    } catch (FileRejectedException e) {
      return done(reject(object, tableName, e.getMessage(), new BadRows(0), messageId));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + object.uri(), e);
    }
  }

  private Staging stageOpened(
      LandedObject object,
      OpenedObject opened,
      Route route,
      Table table,
      String tableName,
      ParseContext.Company company,
      String messageId)
      throws IOException {
    SourceIdentity identity = opened.identity();
    String sourceId = SourceObject.idOf(identity);
    Optional<Snapshot> earlier = CommittedObjects.withId(table, sourceId);
    if (earlier.isPresent()) {
      return done(duplicate(object, tableName, earlier.get(), "already committed", messageId));
    }
    if (identity.size() == 0) {
      throw new FileRejectedException("empty object: 0 bytes");
    }
    // The landing time, not the wall clock: the same object always yields byte-identical files, so
    // a retry that rewrites them under their deterministic names can never change committed data.
    ParseContext context =
        new ParseContext(
            route.table(),
            object.uri(),
            opened.landedAt().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC),
            company);
    BadRows badRows = new BadRows(badRowsConfig.reportLimit());
    ObjectFileWriter writer = new ObjectFileWriter(table, sourceId, bufferRows);
    boolean staged = false;
    long writeStarted = System.nanoTime();
    try {
      parsers.create(route.layout(), context).parse(opened.text(), sink(writer, badRows));
      String sha256 = opened.finish();
      if (refuses(badRows)) {
        return done(reject(object, tableName, badRows.summary(object.uri()), badRows, messageId));
      }
      WrittenFiles files = writer.finish();
      if (files.rows() == 0) {
        return done(reject(object, tableName, "no valid rows", badRows, messageId));
      }
      if (skipSameContent) {
        Optional<Snapshot> sameContent = CommittedObjects.withContent(table, sha256);
        if (sameContent.isPresent()) {
          return done(duplicate(object, tableName, sameContent.get(), "same content already committed", messageId));
        }
      }
      if (badRows.total() > 0) {
        reports.write(object, "committed", badRows.summary(object.uri()), badRows.total(), badRows.listed());
      }
      staged = true;
      long writeMillis = (System.nanoTime() - writeStarted) / 1_000_000;
      return new Staging.Staged(
          new StagedObject(
              object, messageId, tableName, table,
              new SourceObject(identity, sha256, files.rows(), badRows.total()), files, writeMillis));
    } finally {
      if (!staged) {
        writer.abort();
      }
    }
  }

  private RowSink sink(ObjectFileWriter writer, BadRows badRows) {
    boolean stopAtFirst = badRowsConfig.policy() == BadRowPolicy.REJECT_FILE;
    return new RowSink() {
      @Override
      public void accept(Record row) {
        // Once the file is certain to be refused, its rows are only checked, not written.
        if (!(stopAtFirst && badRows.total() > 0)) {
          writer.write(row);
        }
      }

      @Override
      public void reject(RowError error) {
        badRows.add(error);
      }
    };
  }

  private boolean refuses(BadRows badRows) {
    return switch (badRowsConfig.policy()) {
      case REJECT_FILE -> badRows.total() > 0;
      case SKIP -> badRows.total() > badRowsConfig.maxSkipped();
    };
  }

  private ObjectOutcome reject(
      LandedObject object, String tableName, String error, BadRows badRows, String messageId) {
    // Never write into a bucket the function was not given: that is where a refused event points.
    if (router.isLandingBucket(object.bucket())) {
      reports.write(object, "rejected", error, badRows.total(), badRows.listed());
    }
    return ObjectOutcome.of(Status.REJECTED, object.bucket(), object.key(), tableName, error, messageId)
        .withRejectedRows(badRows.total());
  }

  private static Staging done(ObjectOutcome outcome) {
    return new Staging.Done(outcome);
  }

  static ObjectOutcome duplicate(
      LandedObject object, String tableName, Snapshot holder, String why, String messageId) {
    return ObjectOutcome.of(
            Status.DUPLICATE, object.bucket(), object.key(), tableName,
            why + " in snapshot " + holder.snapshotId(), messageId)
        .withSnapshot(holder.snapshotId(), holder.summary().get("k2.source-sha256"));
  }

}
