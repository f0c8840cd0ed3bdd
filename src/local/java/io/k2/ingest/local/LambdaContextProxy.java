package io.k2.ingest.local;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A {@code com.amazonaws.services.lambda.runtime.Context} for one invocation, made with {@link
 * Proxy} because the interface must be the one the function's own class loader sees (from its
 * {@code aws-lambda-java-core} jar), not one compiled into the runner. Its logger writes one JSON
 * line per message to the run's log (in Lambda: CloudWatch), named by the function.
 */
final class LambdaContextProxy {

  private static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";
  private static final String LOGGER = "com.amazonaws.services.lambda.runtime.LambdaLogger";

  private LambdaContextProxy() {}

  /** The invocation's settings, as the Lambda service would hand them to the runtime. */
  record Invocation(String functionName, String requestId, Instant deadline, int memoryMb) {}

  static Object create(ClassLoader functionLoader, Invocation invocation, PrintStream log) {
    Object logger = proxy(functionLoader, LOGGER, (method, args) -> log(log, invocation, args));
    return proxy(functionLoader, CONTEXT, (method, args) -> context(method, invocation, logger));
  }

  private static Object context(Method method, Invocation invocation, Object logger) {
    String region = LocalAwsEnvironment.REGION;
    return switch (method.getName()) {
      case "getAwsRequestId" -> invocation.requestId();
      case "getFunctionName" -> invocation.functionName();
      case "getFunctionVersion" -> "$LATEST";
      case "getInvokedFunctionArn" ->
          "arn:aws:lambda:" + region + ":000000000000:function:" + invocation.functionName();
      case "getLogGroupName" -> "/aws/lambda/" + invocation.functionName();
      case "getLogStreamName" -> "local/[$LATEST]" + invocation.requestId();
      case "getMemoryLimitInMB" -> invocation.memoryMb();
      case "getRemainingTimeInMillis" -> remainingMillis(invocation.deadline());
      case "getLogger" -> logger;
      default -> null; // identity, client context, tenant id and X-Ray trace id: none locally
    };
  }

  private static int remainingMillis(Instant deadline) {
    long millis = Duration.between(Instant.now(), deadline).toMillis();
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, millis));
  }

  private static Object log(PrintStream out, Invocation invocation, Object[] args) {
    Object message = args[0];
    String text =
        message instanceof byte[] bytes
            ? new String(bytes, StandardCharsets.UTF_8)
            : String.valueOf(message);
    // LambdaLogger.log(message, LogLevel): the level's name, as Lambda's JSON log format has it.
    String level = args.length > 1 && args[1] != null ? args[1].toString() : "INFO";
    out.println(
        JsonLogLine.of(
            Instant.now(),
            level,
            invocation.functionName(),
            text.stripTrailing(),
            Map.of("requestId", invocation.requestId()),
            null));
    return null;
  }

  private interface Answer {
    Object answer(Method method, Object[] args);
  }

  private static Object proxy(ClassLoader loader, String interfaceName, Answer answer) {
    Class<?> type;
    try {
      type = Class.forName(interfaceName, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("The function does not ship " + interfaceName, e);
    }
    return Proxy.newProxyInstance(
        loader,
        new Class<?>[] {type},
        (self, method, args) ->
            switch (method.getName()) {
              case "toString" -> interfaceName + " (local)";
              case "hashCode" -> System.identityHashCode(self);
              case "equals" -> self == args[0];
              default -> answer.answer(method, args);
            });
  }
}
