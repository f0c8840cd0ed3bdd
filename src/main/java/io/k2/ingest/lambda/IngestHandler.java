package io.k2.ingest.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.k2.ingest.ingest.IngestResponse;
import io.k2.ingest.ingest.IngestService;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.UUID;

/**
 * The ingest function: S3 notifications (direct, in SQS messages, or as EventBridge events) in, one
 * outcome per landed object out. Selected with {@code quarkus.lambda.handler=ingest}.
 */
@Named("ingest")
public class IngestHandler implements RequestHandler<JsonNode, IngestResponse> {

  @Inject IngestService service;

  @Override
  public IngestResponse handleRequest(JsonNode event, Context context) {
    // The request id names this attempt in the ingest log; Lambda retries get a new one.
    String invocationId = context != null ? context.getAwsRequestId() : UUID.randomUUID().toString();
    return service.ingest(event, invocationId);
  }
}
