package io.k2.ingest.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.event.EventDecoder;
import io.k2.ingest.event.ObjectEvent;
import io.k2.ingest.history.IngestHistory;
import io.k2.ingest.observe.EmbeddedMetrics;
import io.k2.ingest.observe.EmbeddedMetrics.Metric;
import io.k2.ingest.observe.EventLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Lands every object an invocation names and decides what the invocation returns: outcomes for all objects, SQS messages to retry, or, for direct S3 and EventBridge
 * invocations with a transient failure, an exception so that Lambda retries the whole event.
 */
@ApplicationScoped
public class IngestService {

  private static final Logger LOG = Logger.getLogger(IngestService.class);

  private final EventDecoder decoder;
  private final ObjectStager stager;
  private final StagingPool pool;
  private final TableBatchCommitter committer;
  private final IngestHistory history;
  private final EventLog events;
  private final EmbeddedMetrics metrics;

  @Inject
  public IngestService(
      ObjectStager stager,
      StagingPool pool,
      TableBatchCommitter committer,
      IngestHistory history,
      ObjectMapper json,
      EventLog events,
      EmbeddedMetrics metrics) {
    this.decoder = new EventDecoder(json);
    this.stager = stager;
    this.pool = pool;
    this.committer = committer;
    this.history = history;
    this.events = events;
    this.metrics = metrics;
  }

  /**
   * Lands every object the event names: each is staged on its own, several at once; then the
   * staged objects of each table are committed together in one append (an SQS batch of many files
   * makes one snapshot per table); every outcome is recorded in the ingest log.
   */
  public IngestResponse ingest(JsonNode event, String invocationId) {
    List<ObjectEvent> objectEvents = decoder.decode(event);
    ObjectOutcome[] outcomes = new ObjectOutcome[objectEvents.size()];
    Map<String, List<Integer>> positionsByTable = new LinkedHashMap<>();
    Map<Integer, StagedObject> staged = new LinkedHashMap<>();
    List<Staging> stagings = pool.map(objectEvents, this::stageOne);
    for (int i = 0; i < objectEvents.size(); i++) {
      Staging staging = stagings.get(i);
      if (staging instanceof Staging.Staged s) {
        staged.put(i, s.object());
        positionsByTable.computeIfAbsent(s.object().tableName(), t -> new ArrayList<>()).add(i);
      } else if (staging instanceof Staging.Done d) {
        outcomes[i] = d.outcome();
      }
    }
    for (List<Integer> positions : positionsByTable.values()) {
      List<ObjectOutcome> committed = committer.commit(positions.stream().map(staged::get).toList());
      for (int j = 0; j < positions.size(); j++) {
        outcomes[positions.get(j)] = committed.get(j);
      }
    }
    List<ObjectOutcome> all = List.of(outcomes);
    all.forEach(this::record);
    List<IngestHistory.Entry> entries = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      entries.add(new IngestHistory.Entry(objectEvents.get(i).object(), all.get(i)));
    }
    history.record(invocationId, entries);
    return respond(all);
  }

  private IngestResponse respond(List<ObjectOutcome> outcomes) {
    Set<String> retryMessages = new LinkedHashSet<>();
    List<String> failedDirect = new ArrayList<>();
    for (ObjectOutcome outcome : outcomes) {
      if (outcome.status() == Status.FAILED) {
        if (outcome.messageId() != null) {
          retryMessages.add(outcome.messageId());
        } else {
          failedDirect.add(outcome.key() + ": " + outcome.error());
        }
      }
    }
    if (!failedDirect.isEmpty()) {
      throw new TransientIngestException("retry needed for " + String.join("; ", failedDirect));
    }
    return new IngestResponse(
        outcomes, retryMessages.stream().map(IngestResponse.BatchItemFailure::new).toList());
  }

  private Staging stageOne(ObjectEvent event) {
    if (event.malformed() != null) {
      return new Staging.Done(
          ObjectOutcome.of(Status.REJECTED, null, null, null, event.malformed(), event.messageId()));
    }
    try {
      return stager.stage(event.object(), event.messageId());
    } catch (RuntimeException e) {
      // The boundary between objects: one object's storage or catalog failure must not stop the
      // others; it is recorded as failed and retried, with its cause in the log.
      LOG.errorf(e, "Ingest of %s failed", event.object().uri());
      return new Staging.Done(ObjectOutcome.of(
          Status.FAILED, event.object().bucket(), event.object().key(), null,
          Failures.describe(e), event.messageId()));
    }
  }

  private void record(ObjectOutcome outcome) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("bucket", outcome.bucket());
    fields.put("key", outcome.key());
    fields.put("status", outcome.status().json());
    fields.put("table", outcome.table());
    fields.put("rows", outcome.rows());
    fields.put("rejected_rows", outcome.rejectedRows());
    fields.put("files", outcome.files());
    fields.put("bytes", outcome.bytes());
    fields.put("write_ms", outcome.writeMillis());
    fields.put("commit_ms", outcome.commitMillis());
    fields.put("commit_retries", outcome.commitRetries());
    fields.put("snapshot_id", outcome.snapshotId());
    fields.put("error", outcome.error());
    if (outcome.status() == Status.FAILED || outcome.status() == Status.REJECTED) {
      events.warn("object." + outcome.status().json(), fields);
    } else {
      events.info("object." + outcome.status().json(), fields);
    }
    if (outcome.table() != null) {
      metrics.publish(
          outcome.table(),
          List.of(
              Metric.count("RecordsWritten", outcome.status() == Status.COMMITTED ? outcome.rows() : 0),
              Metric.count("RowsRejected", outcome.rejectedRows()),
              Metric.count("FilesWritten", outcome.files()),
              Metric.bytes("BytesWritten", outcome.bytes()),
              Metric.millis("WriteDuration", outcome.writeMillis()),
              Metric.millis("CommitDuration", outcome.commitMillis()),
              Metric.count("CommitRetries", outcome.commitRetries()),
              Metric.count("ObjectsFailed", outcome.status() == Status.FAILED ? 1 : 0),
              Metric.count("ObjectsRejected", outcome.status() == Status.REJECTED ? 1 : 0)));
    }
  }
}
