package io.k2.ingest.local;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The result of a local run: the init function's answer, the reference data landed, what became of
 * each announced object (in landing order), the tables afterwards, and how long things took.
 *
 * @param initResponse the init function's JSON response, as it was returned
 * @param referenceData keys landed without an event (see {@link LocalIngestRun})
 */
public record RunReport(
    String initResponse,
    List<String> referenceData,
    List<ObjectOutcome> objects,
    SortedMap<String, TableSummary> tables,
    Timings timings) {

  public RunReport {
    referenceData = List.copyOf(referenceData);
    objects = List.copyOf(objects);
  }

  /** Whether an invocation threw or answered something unreadable: the run itself failed. */
  public boolean runFailed() {
    return objects.stream().anyMatch(ObjectOutcome::isRunFailure);
  }

  /** The objects the function refused, with why. */
  public List<ObjectOutcome> rejected() {
    return objects.stream().filter(o -> ObjectOutcome.REJECTED.equals(o.status())).toList();
  }

  /**
   * Wall times. A function's cold start is its init phase (loading the handler, booting Quarkus)
   * plus its first invocation, as a fresh Lambda execution environment would spend them.
   *
   * @param ingest empty when no data file was landed
   * @param invocations each ingest invocation, in order
   */
  public record Timings(
      Duration serversStart,
      FunctionTiming init,
      Optional<FunctionTiming> ingest,
      List<InvocationTiming> invocations,
      Duration total) {

    public Timings {
      invocations = List.copyOf(invocations);
    }
  }

  /** One function's init phase and first invocation. */
  public record FunctionTiming(Duration initPhase, Duration firstInvocation) {
    public Duration coldStart() {
      return initPhase.plus(firstInvocation);
    }
  }

  /** One invocation of the ingest function, for the object it was about. */
  public record InvocationTiming(String key, Duration elapsed, boolean coldStart) {}
}
