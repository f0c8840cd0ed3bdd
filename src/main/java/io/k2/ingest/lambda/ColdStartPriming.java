package io.k2.ingest.lambda;

import io.k2.ingest.config.K2Config.Layout;
import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.domain.MarketTables;
import io.k2.ingest.domain.TableDefinition;
import io.k2.ingest.parse.ParseContext;
import io.k2.ingest.parse.ParserFactory;
import io.k2.ingest.parse.RowError;
import io.k2.ingest.parse.RowSink;
import io.k2.ingest.write.ObjectFileWriter;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.jboss.logging.Logger;

/**
 * Parses and writes a few rows of each layout into an in-memory scratch table when the function
 * starts. Lambda runs start-up in its init phase, with boosted CPU; loading the parse, Parquet and
 * zstd classes there instead of in the first invocation shortens the first invocation. Nothing
 * leaves the process: no network, no storage.
 */
@ApplicationScoped
class ColdStartPriming {

  private static final Logger LOG = Logger.getLogger(ColdStartPriming.class);
  private static final ParseContext.Company COMPANY = new ParseContext.Company(1, "PRIME");

  void prime(@Observes StartupEvent started) {
    long began = System.nanoTime();
    InMemoryCatalog scratch = new InMemoryCatalog();
    scratch.initialize("priming", Map.of());
    Namespace namespace = Namespace.of("priming");
    scratch.createNamespace(namespace);
    write(scratch, namespace, MarketTable.TRADES, Layout.ASX, "03/10/2014,10:00:00.000,1.5,100,0,,\r\n");
    write(scratch, namespace, MarketTable.QUOTES, Layout.ASX, "03/10/2014,10:00:00.000,1.5,1.6,100,200\r\n");
    write(scratch, namespace, MarketTable.TRADES, Layout.CSV,
        "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers\nP,1,ASX,2014-03-10T10:00:00,1.5,1,0\n");
    LOG.infof("Primed the parse and write paths in %d ms", (System.nanoTime() - began) / 1_000_000);
  }

  private static void write(InMemoryCatalog scratch, Namespace namespace, MarketTable kind, Layout layout, String text) {
    TableDefinition definition = MarketTables.definition(kind, namespace, kind.defaultName() + "_" + layout, Map.of());
    Table table = definition.createIn(scratch);
    ObjectFileWriter writer = new ObjectFileWriter(table, "priming", 1_000);
    ParseContext context = new ParseContext(kind, "priming", OffsetDateTime.now(), COMPANY);
    try {
      new ParserFactory().create(layout, context).parse(new StringReader(text), new RowSink() {
        @Override
        public void accept(Record row) {
          writer.write(row);
        }

        @Override
        public void reject(RowError error) {
          throw new IllegalStateException("priming row refused: " + error);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writer.finish();
  }
}
