package io.k2.ingest.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Commits as the ingest function reports them: every object of an invocation's table shares one
 * commit, so one invocation contributes one commit (its duration and retries) per table it wrote.
 */
final class InvocationStats {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Long> commitMillis = new ArrayList<>();
  private final List<Integer> commitRetries = new ArrayList<>();
  private final Map<String, Integer> statuses = new HashMap<>();
  private int invocations;

  synchronized void add(String response) {
    invocations++;
    Map<String, long[]> commits = new HashMap<>();
    for (JsonNode object : read(response).path("objects")) {
      String status = object.path("status").asText();
      statuses.merge(status, 1, Integer::sum);
      if (status.equals("committed")) {
        long[] commit = commits.computeIfAbsent(object.path("table").asText(), t -> new long[2]);
        commit[0] = Math.max(commit[0], object.path("commit_ms").asLong());
        commit[1] = Math.max(commit[1], object.path("commit_retries").asLong());
      }
    }
    commits
        .values()
        .forEach(
            c -> {
              commitMillis.add(c[0]);
              commitRetries.add((int) c[1]);
            });
  }

  int invocations() {
    return invocations;
  }

  int commits() {
    return commitMillis.size();
  }

  Map<String, Integer> statuses() {
    return statuses;
  }

  long percentileMillis(double p) {
    if (commitMillis.isEmpty()) {
      return 0;
    }
    List<Long> sorted = commitMillis.stream().sorted().toList();
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
  }

  int retries() {
    return commitRetries.stream().mapToInt(Integer::intValue).sum();
  }

  int maxRetries() {
    return commitRetries.stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  int retryPercentile(double p) {
    if (commitRetries.isEmpty()) {
      return 0;
    }
    List<Integer> sorted = commitRetries.stream().sorted().toList();
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("The ingest function answered something unreadable", e);
    }
  }
}
