package io.k2.ingest.local;

import io.k2.ingest.local.LocalLambdaRuntime.FunctionSettings;
import io.k2.ingest.local.LocalLambdaRuntime.Invocation;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code --event FILE --function ingest|init}: sends one event file to one packaged function
 * against the embedded servers on the state folder, and prints the function's response on standard
 * output, as {@code sam local invoke -e FILE} does. Objects the event names must already be in the
 * state folder's landing bucket (land them with an earlier run).
 */
final class LocalEventInvocation {

  private LocalEventInvocation() {}

  static int send(
      FunctionPackage function,
      LocalRunOptions options,
      PrintStream out,
      PrintStream err,
      PrintStream log) {
    String event;
    try {
      event = Files.readString(options.event().orElseThrow());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the event file " + options.event().get(), e);
    }
    LocalAwsEnvironment.useDummyCredentials();
    QuietLogging.icebergInRunner();
    try (EmbeddedS3 s3 = EmbeddedS3.onDisk(options.stateDir().resolve("s3"))) {
      s3.createBucket(LocalFunctionConfiguration.LANDING_BUCKET);
      s3.createBucket(LocalFunctionConfiguration.WAREHOUSE_BUCKET);
      try (EmbeddedRestCatalog catalog =
          EmbeddedRestCatalog.start(
              s3.endpoint(),
              LocalFunctionConfiguration.WAREHOUSE,
              options.stateDir().resolve("catalog.db"))) {
        Map<String, String> configuration =
            new HashMap<>(LocalFunctionConfiguration.forServers(s3.endpoint(), catalog.uri()));
        configuration.put("quarkus.lambda.handler", options.handler());
        LocalLambdaRuntime runtime =
            LocalLambdaRuntime.start(
                function, FunctionSettings.of("k2-" + options.handler(), configuration), log);
        Invocation call = runtime.invoke(event);
        if (call.failed()) {
          err.println("k2-local: " + options.handler() + " failed: " + call.error());
          log.println(
              JsonLogLine.error(RunLog.RUNNER, options.handler() + " failed", call.error()));
          return 1;
        }
        out.println(call.response());
        out.flush();
        err.printf(
            "%s: answered in %d ms (init phase %d ms)%n",
            options.handler(), call.elapsed().toMillis(), runtime.initDuration().toMillis());
      }
    }
    if (options.serve()) {
      LocalServe.serve(options.stateDir(), out);
    }
    return 0;
  }
}
