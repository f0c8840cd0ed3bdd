package io.k2.ingest.ingest;

import io.k2.ingest.config.K2Config.Layout;
import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.domain.MarketTables;
import io.k2.ingest.domain.TableDefinition;
import io.k2.ingest.parse.ParseContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.inmemory.InMemoryCatalog;

/**
 * Loads a few rows of each layout into an in-memory scratch table through the same loader as
 * ingest, so that the parse, Parquet and zstd classes are loaded before the first invocation.
 * Nothing leaves the process: no network, no storage.
 */
@ApplicationScoped
public class ColdStart {

  private static final ParseContext.Company COMPANY = new ParseContext.Company(1, "PRIME");

  private final ObjectLoader loader;

  @Inject
  public ColdStart(ObjectLoader loader) {
    this.loader = loader;
  }

  public void prime() {
    InMemoryCatalog scratch = new InMemoryCatalog();
    scratch.initialize("priming", Map.of());
    Namespace namespace = Namespace.of("priming");
    scratch.createNamespace(namespace);
    load(
        scratch,
        namespace,
        MarketTable.TRADES,
        Layout.ASX,
        "03/10/2014,10:00:00.000,1.5,100,0,,\r\n");
    load(
        scratch,
        namespace,
        MarketTable.QUOTES,
        Layout.ASX,
        "03/10/2014,10:00:00.000,1.5,1.6,100,200\r\n");
    load(
        scratch,
        namespace,
        MarketTable.TRADES,
        Layout.CSV,
        "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers\n"
            + "P,1,ASX,2014-03-10T10:00:00,1.5,1,0\n");
  }

  private void load(
      InMemoryCatalog scratch, Namespace namespace, MarketTable kind, Layout layout, String text) {
    TableDefinition definition =
        MarketTables.definition(kind, namespace, kind.defaultName() + "_" + layout, Map.of());
    Table table = definition.createIn(scratch);
    ParseContext context = new ParseContext(kind, "priming", OffsetDateTime.now(), COMPANY);
    ObjectLoader.Loaded loaded;
    try {
      loaded = loader.load(table, layout, context, new StringReader(text), () -> "", "priming");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (loaded.refused()) {
      throw new IllegalStateException("priming rows refused: " + loaded.refusal());
    }
  }
}
