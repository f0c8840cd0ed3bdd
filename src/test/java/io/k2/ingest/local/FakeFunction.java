package io.k2.ingest.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * For tests: a build output laid out like Quarkus's legacy jar ({@code *-runner.jar} whose manifest
 * names {@code lib/*.jar}), holding a stand-in {@code QuarkusStreamHandler} compiled on the spot,
 * so the local Lambda runtime can be tested without packaging the real function.
 */
final class FakeFunction {

  /**
   * The property the stand-in reads once, in its static initialiser, as Quarkus reads its
   * configuration once at boot. Tests must restore system properties afterwards.
   */
  static final String HANDLER_PROPERTY = "quarkus.lambda.handler";

  private static final String SOURCE =
"""
package io.quarkus.amazon.lambda.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.*;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class QuarkusStreamHandler implements RequestStreamHandler {
  static final String HANDLER = System.getProperty("%s");

  public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
    String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    if (event.contains("boom")) {
      throw new IllegalStateException("boom in " + HANDLER);
    }
    context.getLogger().log("handling " + context.getAwsRequestId());
    if ("ingest".equals(HANDLER)) {
      // What the real function's logs hold: records of its logger, metric documents, stray text.
      java.util.logging.Logger.getLogger("fake.Ingest").log(java.util.logging.Level.WARNING,
          "slow object {0}", new Object[] {"x.csv"});
      java.util.logging.Logger.getLogger("fake.Ingest").log(java.util.logging.Level.SEVERE,
          "commit failed", new IllegalStateException("conflict"));
      System.out.println("{\\"_aws\\":{\\"Timestamp\\":1}}");
      System.err.println("plain text on stderr");
      out.write(ingest(event).getBytes(StandardCharsets.UTF_8));
      return;
    }
    boolean leak;
    try {
      Class.forName("org.junit.jupiter.api.Test");
      leak = true;
    } catch (ClassNotFoundException e) {
      leak = false;
    }
    boolean ownContextLoader =
        Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
    out.write(("{\\"handler\\":\\"" + HANDLER + "\\",\\"event\\":" + event
        + ",\\"function\\":\\"" + context.getFunctionName()
        + "\\",\\"remaining\\":" + context.getRemainingTimeInMillis()
        + ",\\"memory\\":" + context.getMemoryLimitInMB()
        + ",\\"leak\\":" + leak + ",\\"ownContextLoader\\":" + ownContextLoader + "}")
        .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The ingest function's answer, one entry per object of an S3 event or of an SQS batch (whose
   * bodies are escaped S3 events): company 9999 is rejected, anything else committed.
   */
  private static String ingest(String event) {
    String unescaped = event.replace(String.valueOf((char) 92), "");
    Matcher key = Pattern.compile("\\"key\\":\\"([^\\"]*)\\"").matcher(unescaped);
    StringBuilder objects = new StringBuilder();
    while (key.find()) {
      String decoded = URLDecoder.decode(key.group(1), StandardCharsets.UTF_8);
      boolean bad = decoded.contains("9999");
      objects.append(objects.length() == 0 ? "" : ",")
          .append("{\\"bucket\\":\\"landing\\",\\"key\\":\\"" + decoded
          + "\\",\\"status\\":\\"" + (bad ? "rejected" : "committed")
          + "\\",\\"table\\":null,\\"rows\\":1,\\"rejected_rows\\":0,\\"snapshot_id\\":null,"
          + "\\"error\\":" + (bad ? "\\"unknown company 9999\\"" : "null") + ",\\"new\\":1}");
    }
    return "{\\"objects\\":[" + objects + "],\\"batchItemFailures\\":[]}";
  }
}
"""
          .formatted(HANDLER_PROPERTY);

  private FakeFunction() {}

  /** Builds {@code dir/fake-1.0-runner.jar} and {@code dir/lib/}; returns {@code dir}. */
  static Path build(Path dir) throws IOException {
    Path lambdaCore = jarOf(com.amazonaws.services.lambda.runtime.Context.class);
    String libName = "lib/com.amazonaws.aws-lambda-java-core.jar";
    Files.createDirectories(dir.resolve("lib"));
    Files.copy(lambdaCore, dir.resolve(libName));

    Path sources = Files.createDirectories(dir.resolve("src/io/quarkus/amazon/lambda/runtime"));
    Path source = Files.writeString(sources.resolve("QuarkusStreamHandler.java"), SOURCE);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            lambdaCore.toString(),
            source.toString());
    if (status != 0) {
      throw new IllegalStateException("The stand-in handler did not compile");
    }

    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, libName);
    String entry = "io/quarkus/amazon/lambda/runtime/QuarkusStreamHandler.class";
    try (OutputStream file = Files.newOutputStream(dir.resolve("fake-1.0-runner.jar"));
        JarOutputStream jar = new JarOutputStream(file, manifest)) {
      jar.putNextEntry(new JarEntry(entry));
      jar.write(Files.readAllBytes(classes.resolve(entry)));
      jar.closeEntry();
    }
    return dir;
  }

  private static Path jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the jar of " + type, e);
    }
  }
}
