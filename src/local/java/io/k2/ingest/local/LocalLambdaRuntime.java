package io.k2.ingest.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Runs one packaged Lambda function in this JVM the way the AWS Lambda Java runtime runs it, so the
 * artifact that would be deployed is the thing exercised: its jars get a class loader of their own
 * (Lambda's runtime loads {@code /var/task} and {@code /var/task/lib/*.jar} apart from itself; here
 * the parent is the platform loader, so nothing of the runner's test class path leaks in); the
 * handler class {@code QuarkusStreamHandler} is initialised and constructed once (Lambda's "init
 * phase", which boots Quarkus); each event is then passed as a byte stream, with a {@code Context}
 * and the function's loader as the thread's context class loader, and the response read back as
 * bytes. An uncaught exception is an invocation error, as in Lambda, not a failure of this runtime.
 *
 * <p>Configuration goes in as system properties, which are shared by the whole JVM: they are set
 * before the handler class boots Quarkus and again before each invocation, so a second function (a
 * second runtime) started later sees its own values. Lambda never shuts a function down gracefully,
 * and neither does this runtime; there is no timeout enforcement either.
 */
public final class LocalLambdaRuntime {

  static final String HANDLER_CLASS = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler";
  private static final String CONTEXT_CLASS = "com.amazonaws.services.lambda.runtime.Context";

  /** How the function is deployed: its name, configuration (properties), timeout and memory. */
  public record FunctionSettings(
      String name, Map<String, String> configuration, Duration timeout, int memoryMb) {
    public FunctionSettings {
      configuration = Map.copyOf(configuration);
    }

    /** Lambda's longest timeout, and a common memory size for JVM functions. */
    public static FunctionSettings of(String name, Map<String, String> configuration) {
      return new FunctionSettings(name, configuration, Duration.ofMinutes(15), 2048);
    }
  }

  /** One invocation: the response (or the error the function threw) and its wall time. */
  public record Invocation(
      String requestId, String response, Duration elapsed, boolean coldStart, Throwable error) {
    public boolean failed() {
      return error != null;
    }
  }

  private final FunctionSettings settings;
  private final ClassLoader loader;
  private final Object handler;
  private final Method handleRequest;
  private final Duration initDuration;
  private final PrintStream log;
  private boolean invoked;

  private LocalLambdaRuntime(
      FunctionSettings settings,
      ClassLoader loader,
      Object handler,
      Method handleRequest,
      Duration initDuration,
      PrintStream log) {
    this.settings = settings;
    this.loader = loader;
    this.handler = handler;
    this.handleRequest = handleRequest;
    this.initDuration = initDuration;
    this.log = log;
  }

  /**
   * Loads the function and runs its init phase; the function's own logger writes to {@code log}.
   */
  public static LocalLambdaRuntime start(
      FunctionPackage function, FunctionSettings settings, PrintStream log) {
    applyConfiguration(settings);
    URLClassLoader loader =
        new URLClassLoader(
            "lambda-" + settings.name(),
            function.classPath(),
            ClassLoader.getPlatformClassLoader());
    long start = System.nanoTime();
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    try {
      Class<?> handlerClass = Class.forName(HANDLER_CLASS, true, loader);
      Object handler = handlerClass.getConstructor().newInstance();
      Method handleRequest =
          handlerClass.getMethod(
              "handleRequest",
              InputStream.class,
              OutputStream.class,
              Class.forName(CONTEXT_CLASS, false, loader));
      Duration init = Duration.ofNanos(System.nanoTime() - start);
      return new LocalLambdaRuntime(settings, loader, handler, handleRequest, init, log);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException(
          "Function " + settings.name() + " failed in its init phase (" + HANDLER_CLASS + ")", e);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  /** Invokes the function with one event, as {@code aws lambda invoke} would. */
  public Invocation invoke(String eventJson) {
    applyConfiguration(settings);
    String requestId = UUID.randomUUID().toString();
    Instant deadline = Instant.now().plus(settings.timeout());
    Object context =
        LambdaContextProxy.create(
            loader,
            new LambdaContextProxy.Invocation(
                settings.name(), requestId, deadline, settings.memoryMb()),
            log);
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    boolean cold = !invoked;
    invoked = true;
    long start = System.nanoTime();
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    try {
      InputStream event = new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8));
      handleRequest.invoke(handler, event, response, context);
      return new Invocation(
          requestId, response.toString(StandardCharsets.UTF_8), since(start), cold, null);
    } catch (InvocationTargetException e) {
      // The function threw: Lambda reports this as the invocation's error, and so do we.
      return new Invocation(requestId, null, since(start), cold, e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot call " + handleRequest, e);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  /** The init phase: loading the handler class and constructing it (Lambda's "Init Duration"). */
  public Duration initDuration() {
    return initDuration;
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static void applyConfiguration(FunctionSettings settings) {
    settings.configuration().forEach(System::setProperty);
  }
}
