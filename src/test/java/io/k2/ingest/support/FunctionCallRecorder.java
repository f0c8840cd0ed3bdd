package io.k2.ingest.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k2.ingest.local.EmbeddedRestCatalog;
import io.k2.ingest.local.LocalClients;
import io.k2.ingest.local.RequestListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Writes every request the test servers answer to {@link #file()}, one JSON line each, with who
 * made it: the function under test (by its handler name), or {@link #OBSERVER} for the test's own
 * clients. The catalog server's own S3 calls (table metadata) are made on behalf of the catalog
 * request in flight: with Glue as the catalog, the function makes them itself. The deployment tests
 * read the file and check each function's IAM policy against what it did.
 */
public final class FunctionCallRecorder {

  static final String OBSERVER = "observer";

  /**
   * A system property a test sets while it drives function code directly to prepare a test (e.g.
   * creating tables through the init code in the ingest function's JVM): its calls are then the
   * test's, not the function's. System properties, because test classes and test resources may be
   * loaded by different class loaders.
   */
  static final String CALLER_PROPERTY = "k2.test.caller";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String function;
  private final AtomicReference<String> catalogCaller = new AtomicReference<>();

  FunctionCallRecorder(String function) {
    this.function = function;
  }

  /** This JVM's record: test classes that read it run in the same JVM as the servers. */
  public static Path file() {
    return Path.of("target", "served-requests", ProcessHandle.current().pid() + ".jsonl");
  }

  /** Runs {@code preparation} with its server calls attributed to the test, not the function. */
  public static void asObserver(Runnable preparation) {
    asCaller(OBSERVER, preparation);
  }

  /**
   * Runs {@code work} with its server calls attributed to {@code caller}: a test that drives a
   * function's handler bean directly (say the maintenance handler, in an application whose Lambda
   * handler is another) names the function it stands for.
   */
  public static void asCaller(String caller, Runnable work) {
    System.setProperty(CALLER_PROPERTY, caller);
    try {
      work.run();
    } finally {
      System.clearProperty(CALLER_PROPERTY);
    }
  }

  RequestListener s3() {
    return (method, path, query, headers) -> {
      String key = accessKey(headers.apply("Authorization"));
      if (key == null && query != null && query.contains("X-Amz-Credential=")) {
        key = presignedBy(query); // a pre-signed URL: made by whoever signed it
      }
      String caller;
      String via = null;
      if (LocalClients.OBSERVER.equals(key)) {
        caller = OBSERVER;
      } else if (EmbeddedRestCatalog.CATALOG_SERVER_ACCESS_KEY.equals(key)) {
        String inFlight = catalogCaller.get();
        caller = inFlight != null ? inFlight : functionOrObserver();
        via = "catalog";
      } else {
        caller = functionOrObserver();
      }
      return record("s3", caller, via, method, path, query);
    };
  }

  RequestListener catalog() {
    return (method, path, query, headers) -> {
      String caller =
          LocalClients.OBSERVER.equals(headers.apply(LocalClients.CALLER_HEADER))
              ? OBSERVER
              : functionOrObserver();
      catalogCaller.set(caller);
      IntConsumer recorded = record("catalog", caller, null, method, path, query);
      return status -> {
        catalogCaller.compareAndSet(caller, null);
        recorded.accept(status);
      };
    };
  }

  private String functionOrObserver() {
    return System.getProperty(CALLER_PROPERTY, function);
  }

  private IntConsumer record(
      String server, String caller, String via, String method, String path, String query) {
    return status -> {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("caller", caller);
      line.put("server", server);
      if (via != null) {
        line.put("via", via);
      }
      line.put("method", method);
      line.put("path", path);
      line.put("query", query);
      line.put("status", status);
      append(line);
    };
  }

  /** {@code AWS4-HMAC-SHA256 Credential=KEY/20261124/us-east-1/s3/aws4_request, ...} to KEY. */
  private static String accessKey(String authorization) {
    if (authorization == null) {
      return null;
    }
    int start = authorization.indexOf("Credential=");
    if (start < 0) {
      return null;
    }
    int end = authorization.indexOf('/', start);
    return end < 0 ? null : authorization.substring(start + "Credential=".length(), end);
  }

  /** {@code ...&X-Amz-Credential=KEY%2F20261124%2F...} to KEY. */
  private static String presignedBy(String query) {
    String credential = query.substring(query.indexOf("X-Amz-Credential=") + 17);
    int end = credential.toUpperCase().indexOf("%2F");
    return end < 0 ? credential : credential.substring(0, end);
  }

  private static synchronized void append(Map<String, Object> line) {
    try {
      Path file = file();
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          JSON.writeValueAsString(line) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serializes", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot record a served request", e);
    }
  }
}
