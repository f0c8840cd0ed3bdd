package io.k2.ingest.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.k2.ingest.maintain.MaintenanceReport;
import io.k2.ingest.maintain.MaintenanceRequest;
import io.k2.ingest.maintain.MaintenanceService;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The maintenance function: compacts closed partitions, rewrites small manifests, expires snapshots
 * and removes orphan files. A scheduled event runs everything; an event by hand may name tables and
 * steps (see {@link MaintenanceRequest#from}). Selected with {@code
 * quarkus.lambda.handler=maintain}.
 */
@Named("maintain")
public class MaintenanceHandler implements RequestHandler<JsonNode, MaintenanceReport> {

  @Inject MaintenanceService service;

  @Override
  public MaintenanceReport handleRequest(JsonNode event, Context context) {
    return service.maintain(MaintenanceRequest.from(event));
  }
}
