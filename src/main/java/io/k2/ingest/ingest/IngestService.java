package io.k2.ingest.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.commit.AttemptFiles;
import io.k2.ingest.commit.CommitResult;
import io.k2.ingest.commit.StagedObject;
import io.k2.ingest.commit.TableCommitter;
import io.k2.ingest.event.EventDecoder;
import io.k2.ingest.event.ObjectEvent;
import io.k2.ingest.history.IngestHistory;
import io.k2.ingest.observe.EmbeddedMetrics;
import io.k2.ingest.observe.EventLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Lands every object an invocation names and decides what the invocation returns: outcomes for all
 * objects, SQS messages to retry, or, for direct S3 and EventBridge invocations with a transient
 * failure, an exception so that Lambda retries the whole event. A misconfiguration fails the
 * invocation whatever carried it.
 */
@ApplicationScoped
public class IngestService {

  private static final Logger LOG = Logger.getLogger(IngestService.class);

  private final EventDecoder decoder;
  private final ObjectStager stager;
  private final StagingPool pool;
  private final RejectionReport reports;
  private final TableCommitter committer;
  private final IngestHistory history;
  private final EventLog events;
  private final EmbeddedMetrics metrics;

  @Inject
  public IngestService(
      ObjectStager stager,
      StagingPool pool,
      RejectionReport reports,
      TableCommitter committer,
      IngestHistory history,
      ObjectMapper json,
      EventLog events,
      EmbeddedMetrics metrics) {
    this.decoder = new EventDecoder(json);
    this.stager = stager;
    this.pool = pool;
    this.reports = reports;
    this.committer = committer;
    this.history = history;
    this.events = events;
    this.metrics = metrics;
  }

  /**
   * Lands every object the event names: each is staged on its own, several at once, and its
   * rejection report written; then the staged objects of each table are committed together in one
   * append (an SQS batch of many files makes one snapshot per table); every outcome is recorded in
   * the ingest log.
   */
  public IngestResponse ingest(JsonNode event, String invocationId) {
    List<Staging> stagings =
        pool.map(decoder.decode(event), this::stageOne).stream().map(this::report).toList();
    Map<StagedObject, ObjectOutcome> committed = commitByTable(stagings);
    List<ObjectOutcome> outcomes =
        stagings.stream()
            .map(
                s ->
                    s instanceof Staging.Staged staged
                        ? committed.get(staged.object())
                        : ((Staging.Done) s).outcome())
            .toList();
    outcomes.forEach(this::record);
    history.record(invocationId, outcomes.stream().map(OutcomeField::columns).toList());
    return respond(outcomes);
  }

  private Map<StagedObject, ObjectOutcome> commitByTable(List<Staging> stagings) {
    Map<String, List<Staging.Staged>> byTable = new LinkedHashMap<>();
    for (Staging staging : stagings) {
      if (staging instanceof Staging.Staged staged) {
        byTable.computeIfAbsent(staged.tableName(), t -> new ArrayList<>()).add(staged);
      }
    }
    Map<StagedObject, ObjectOutcome> outcomes = new HashMap<>();
    for (List<Staging.Staged> group : byTable.values()) {
      List<StagedObject> objects = group.stream().map(Staging.Staged::object).toList();
      Map<StagedObject, CommitResult> results = committer.commit(group.get(0).table(), objects);
      for (Staging.Staged staged : group) {
        outcomes.put(staged.object(), staged.outcome(results.get(staged.object())));
      }
    }
    return outcomes;
  }

  private IngestResponse respond(List<ObjectOutcome> outcomes) {
    List<String> misconfigured =
        outcomes.stream().filter(ObjectOutcome::misconfigured).map(ObjectOutcome::error).toList();
    if (!misconfigured.isEmpty()) {
      // Loud and whole: redelivering the object cannot help until the setting is fixed.
      throw new IllegalStateException(
          "misconfigured, fix the setting: " + String.join("; ", Set.copyOf(misconfigured)));
    }
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
      return Staging.Done.of(event, Status.REJECTED, null, event.malformed());
    }
    try {
      return stager.stage(event);
    } catch (RuntimeException e) {
      // The boundary between objects: one object's storage or catalog failure must not stop the
      // others; it is recorded as failed and retried, with its cause in the log.
      LOG.errorf(e, "Ingest of %s failed", event.object().uri());
      return Staging.Done.failed(event, null, e);
    }
  }

  /** Writes the report staging called for; an object whose report cannot be written is retried. */
  private Staging report(Staging staging) {
    if (staging.report() == null) {
      return staging;
    }
    try {
      reports.write(staging.report());
      return staging;
    } catch (RuntimeException e) {
      LOG.errorf(e, "Writing the report for %s failed", staging.report().object().uri());
      if (staging instanceof Staging.Staged staged) {
        AttemptFiles.discard(staged.table(), staged.object());
      }
      return Staging.Done.failed(staging.event(), null, e);
    }
  }

  private void record(ObjectOutcome outcome) {
    Map<String, Object> fields = outcome.fields();
    String event = "object." + outcome.status().json();
    if (outcome.status() == Status.FAILED || outcome.status() == Status.REJECTED) {
      events.warn(event, fields);
    } else {
      events.info(event, fields);
    }
    if (outcome.table() != null) {
      metrics.publish(outcome.table(), OutcomeField.metrics(outcome));
    }
  }
}
