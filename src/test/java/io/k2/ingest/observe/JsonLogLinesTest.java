package io.k2.ingest.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.support.EmbeddedServersResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

/**
 * Every line the function logs is one JSON object with the same keys: the console formatter the
 * application actually runs with (found on the live log context, as configured in
 * application.properties), and the event lines {@link EventLog} writes with their fields on top.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedServersResource.class)
class JsonLogLinesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void libraryLinesAreJsonWithLevelLoggerMessageAndException() throws Exception {
    Formatter formatter = consoleFormatter();
    ExtLogRecord record =
        new ExtLogRecord(
            org.jboss.logmanager.Level.ERROR,
            "Commit of {0} failed",
            ExtLogRecord.FormatStyle.MESSAGE_FORMAT,
            JsonLogLinesTest.class.getName());
    record.setParameters(new Object[] {"market_data.trades"});
    record.setLoggerName("org.apache.iceberg.SnapshotProducer");
    record.setThrown(new IllegalStateException("conflict", new RuntimeException("root cause")));

    String line = formatter.format(record);

    assertThat(line.stripTrailing()).doesNotContain("\n");
    JsonNode json = JSON.readTree(line);
    assertThat(json.path("level").asText()).isEqualTo("ERROR");
    assertThat(json.path("logger").asText()).isEqualTo("org.apache.iceberg.SnapshotProducer");
    assertThat(json.path("message").asText()).isEqualTo("Commit of market_data.trades failed");
    assertThat(json.path("exception").asText())
        .contains("java.lang.IllegalStateException: conflict")
        .contains("Caused by: java.lang.RuntimeException: root cause");
    assertThat(json.has("timestamp")).isTrue();
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .doesNotContain(
            "sequence",
            "loggerClassName",
            "hostName",
            "processName",
            "processId",
            "mdc",
            "ndc",
            "threadId",
            "loggerName",
            "stackTrace");
  }

  @Test
  void eventLinesCarryTheSameKeysAndTheirFieldsAtTheTop() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EventLog events = new EventLog(JSON, new PrintStream(out, true, StandardCharsets.UTF_8));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("key", "asx/trades/7078.csv");
    fields.put("rows", 472);
    fields.put("level", "not a log level"); // a field never replaces the shared keys

    events.warn("object.rejected", fields);

    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(1);
    JsonNode json = JSON.readTree(lines[0]);
    assertThat(json.path("level").asText()).isEqualTo("WARN");
    assertThat(json.path("logger").asText()).isEqualTo("io.k2.ingest.events");
    assertThat(json.path("message").asText()).isEqualTo("object.rejected");
    assertThat(json.path("event").asText()).isEqualTo("object.rejected");
    assertThat(json.path("key").asText()).isEqualTo("asx/trades/7078.csv");
    assertThat(json.path("rows").asInt()).isEqualTo(472);
  }

  private static Formatter consoleFormatter() {
    List<Handler> handlers = new ArrayList<>();
    collect(LogContext.getLogContext().getLogger("").getHandlers(), handlers);
    return handlers.stream()
        .filter(ConsoleHandler.class::isInstance)
        .map(Handler::getFormatter)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no console handler among " + handlers));
  }

  private static void collect(Handler[] handlers, List<Handler> into) {
    for (Handler handler : handlers) {
      into.add(handler);
      if (handler instanceof ExtHandler ext) {
        collect(ext.getHandlers(), into);
      }
    }
  }
}
