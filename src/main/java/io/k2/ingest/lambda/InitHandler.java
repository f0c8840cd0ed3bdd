package io.k2.ingest.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.k2.ingest.catalog.InitReport;
import io.k2.ingest.catalog.StorageCheck;
import io.k2.ingest.catalog.TableInitializer;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The init function: checks storage, then creates the namespace and tables when missing, and
 * reports drift. Any input is accepted and ignored. Selected with {@code quarkus.lambda.handler=init}.
 */
@Named("init")
public class InitHandler implements RequestHandler<JsonNode, InitReport> {

  @Inject StorageCheck storage;
  @Inject TableInitializer initializer;

  @Override
  public InitReport handleRequest(JsonNode ignored, Context context) {
    storage.verify();
    return initializer.initialize();
  }
}
