package io.k2.ingest.faults;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Runs the Lambda mock event server on a free port instead of the fixed 8081, so these tests do
 * not fail with "Address already in use" while another build on the machine runs its own. The
 * port must be set here, before the build: the event server starts before test resources do.
 */
public class FreeEventServerPort implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("quarkus.lambda.mock-event-server.test-port", Integer.toString(freePort()));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port for the mock event server", e);
    }
  }
}
