package io.k2.ingest.catalog;

import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.domain.MarketTables;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.MetadataUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.UpdateRequirement;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequestParser;
import org.apache.iceberg.rest.responses.LoadTableResponse;
import org.apache.iceberg.rest.responses.LoadTableResponseParser;

/**
 * Primes the catalog client's two messages of every invocation, offline: a table's metadata as the
 * REST catalog returns it on load, and a commit request, each written and read back. Building the
 * catalog at start-up has already loaded its HTTP client; this loads the parsers, without a request
 * and without credentials.
 */
public final class CatalogClientPriming {

  private CatalogClientPriming() {}

  public static void prime() {
    InMemoryCatalog scratch = new InMemoryCatalog();
    scratch.initialize("catalog-priming", Map.of());
    Namespace namespace = Namespace.of("priming");
    scratch.createNamespace(namespace);
    Table table =
        MarketTables.definition(MarketTable.TRADES, namespace, "trades", Map.of())
            .createIn(scratch);
    TableMetadata metadata = ((HasTableOperations) table).operations().current();
    LoadTableResponseParser.fromJson(
        LoadTableResponseParser.toJson(
            LoadTableResponse.builder().withTableMetadata(metadata).build()));
    UpdateTableRequest commit =
        UpdateTableRequest.create(
            TableIdentifier.of(namespace, "trades"),
            List.of(new UpdateRequirement.AssertTableUUID(metadata.uuid())),
            List.of(new MetadataUpdate.SetProperties(Map.of("k2.priming", "true"))));
    UpdateTableRequestParser.fromJson(UpdateTableRequestParser.toJson(commit));
  }
}
