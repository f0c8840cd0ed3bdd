package io.k2.ingest.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.ingest.IngestResponse;
import io.k2.ingest.ingest.IngestService;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.UUID;

/**
 * The ingest function: S3 notifications (direct, in SQS messages, or as EventBridge events) or S3
 * Batch Operations invocations (backfill) in, one outcome per landed object out. Selected with
 * {@code quarkus.lambda.handler=ingest}.
 */
@Named("ingest")
public class IngestHandler implements RequestHandler<JsonNode, Object> {

  @Inject IngestService service;
  @Inject ObjectMapper json;

  /**
   * @return the outcomes ({@link IngestResponse}), or for an S3 Batch Operations invocation the
   *     per-task results it expects (see {@link BatchOperations})
   */
  @Override
  public Object handleRequest(JsonNode event, Context context) {
    // The request id names this attempt in the ingest log; Lambda retries get a new one.
    String invocationId =
        context != null ? context.getAwsRequestId() : UUID.randomUUID().toString();
    if (BatchOperations.isInvocation(event)) {
      IngestResponse response =
          service.ingest(BatchOperations.asQueuedNotifications(json, event), invocationId);
      return BatchOperations.results(json, event, response);
    }
    return service.ingest(event, invocationId);
  }
}
