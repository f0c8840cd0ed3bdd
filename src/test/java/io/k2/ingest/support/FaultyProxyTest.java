package io.k2.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.k2.ingest.support.FaultyProxy.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy in front of the JDK's HTTP server, driven by hand-written HTTP/1.1 over plain sockets
 * so that no client library retries behind the test's back.
 */
class FaultyProxyTest {

  private static final byte[] BIG = new byte[300_000];

  static {
    Arrays.fill(BIG, (byte) 'x');
  }

  private HttpServer server;
  private final AtomicInteger posts = new AtomicInteger();
  private FaultyProxy proxy;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/big",
        exchange -> {
          exchange.sendResponseHeaders(200, BIG.length);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write(BIG);
          }
        });
    server.createContext(
        "/commit",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          posts.incrementAndGet();
          byte[] ok = "committed".getBytes(StandardCharsets.US_ASCII);
          exchange.sendResponseHeaders(200, ok.length);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write(ok);
          }
        });
    server.start();
    proxy =
        FaultyProxy.start(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
  }

  @AfterEach
  void stop() {
    proxy.close();
    server.stop(0);
  }

  @Test
  void forwardsRequestsAndResponsesUnchangedOnOneKeepAliveConnection() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "POST /commit HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi");
      assertThat(readResponse(socket)).endsWith("\r\n\r\ncommitted");
      send(socket, "POST /commit HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi");
      assertThat(readResponse(socket)).endsWith("\r\n\r\ncommitted");
    }
    assertThat(posts).hasValue(2);
    assertThat(proxy.uri().getPath()).isEqualTo("/");
    assertThat(proxy.requestLines()).containsExactly("POST /commit", "POST /commit");
  }

  @Test
  void resetResponseAfterBreaksTheDownloadAfterThatManyBytesOnce() throws IOException {
    Fault fault = proxy.resetResponseAfter("GET /big", 100_000);

    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try (Socket socket = connect()) {
      send(socket, "GET /big HTTP/1.1\r\nHost: t\r\n\r\n");
      assertThatThrownBy(() -> socket.getInputStream().transferTo(received))
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
    }
    assertThat(received.size()).isLessThanOrEqualTo(100_000);
    assertThat(fault.fired()).isEqualTo(1);

    try (Socket socket = connect()) {
      send(socket, "GET /big HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
      assertThat(socket.getInputStream().readAllBytes().length).isGreaterThan(BIG.length);
    }
  }

  @Test
  void resetRequestsKeepsThatManyRequestsFromTheServer() throws IOException {
    Fault fault = proxy.resetRequests("POST /commit", 2);

    for (int i = 0; i < 2; i++) {
      try (Socket socket = connect()) {
        send(socket, "POST /commit HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi");
        assertThatThrownBy(() -> socket.getInputStream().read())
            .isInstanceOf(SocketException.class);
      }
    }
    assertThat(posts).hasValue(0);
    try (Socket socket = connect()) {
      send(socket, "POST /commit HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi");
      assertThat(readResponse(socket)).endsWith("committed");
    }
    assertThat(posts).hasValue(1);
    assertThat(fault.fired()).isEqualTo(2);
  }

  @Test
  void dropResponseLetsTheServerActButTheClientSeesAReset() throws IOException {
    Fault fault = proxy.dropResponse("POST /commit");

    try (Socket socket = connect()) {
      send(socket, "POST /commit HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi");
      assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketException.class);
    }
    assertThat(posts).hasValue(1);
    assertThat(fault.fired()).isEqualTo(1);
  }

  @Test
  void aMatchSplitAcrossTwoWritesIsStillFound() throws IOException {
    Fault fault = proxy.resetRequests("POST /commit HTTP/1.1", 1);

    try (Socket socket = connect()) {
      send(socket, "POST /com");
      sleepBriefly(); // let the proxy read the first half on its own
      send(socket, "mit HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi");
      assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketException.class);
    }
    assertThat(fault.fired()).isEqualTo(1);
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.uri().getPort());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  /** Reads one response with a Content-Length body. */
  private static String readResponse(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("end of stream in the response head: " + head);
      }
      head.append((char) b);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return head + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
