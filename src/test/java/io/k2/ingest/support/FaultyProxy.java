package io.k2.ingest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on {@code 127.0.0.1:<free port>} that forwards every connection to one target byte
 * for byte, until a test arms a {@link Fault}. Faults match on the bytes a client sends (an
 * HTTP/1.1 request line such as {@code GET /landing/asx/trades/7078.csv} or {@code POST
 * /v1/namespaces/market_data/tables/trades HTTP}) and each fires a set number of times. They model
 * the network failures that exactly-once ingestion must survive:
 *
 * <ul>
 *   <li>{@link #resetResponseAfter}: a connection reset in the middle of a response, as when a load
 *       balancer or the S3 front end drops a long download;
 *   <li>{@link #resetRequests}: the request never reaches the server (the server is down or
 *       unreachable), so the client sees a reset and nothing happened on the server;
 *   <li>{@link #dropResponse}: the server processes the request but its answer is lost, so the
 *       client cannot tell whether it happened ("commit outcome unknown").
 * </ul>
 *
 * <p>A reset is an abortive close ({@code SO_LINGER} 0): the peer gets an RST, not an orderly end
 * of stream, which is what clients see when a connection breaks. The proxy does not parse HTTP;
 * keep-alive connections carry many requests, and a fault applies to the connection that carried
 * the matching request. {@link #requestLines()} lists the request lines seen, to find what to
 * match.
 */
public final class FaultyProxy implements AutoCloseable {

  private static final Pattern REQUEST_LINE =
      Pattern.compile("(GET|PUT|POST|DELETE|HEAD|PATCH) (\\S+) HTTP/1\\.[01]\r\n");

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final URI uri;
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final List<String> requestLines = new CopyOnWriteArrayList<>();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

  private FaultyProxy(ServerSocket listener, URI target) {
    this.listener = listener;
    this.target = new InetSocketAddress(target.getHost(), target.getPort());
    // Keep the target's path (a REST catalog URI ends in '/'), change only the port.
    this.uri = URI.create("http://127.0.0.1:" + listener.getLocalPort() + target.getRawPath());
  }

  /** Starts a proxy in front of the HTTP server at {@code target}. */
  public static FaultyProxy start(URI target) {
    try {
      ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      FaultyProxy proxy = new FaultyProxy(listener, target);
      daemon("faulty-proxy-accept-" + listener.getLocalPort(), proxy::acceptLoop);
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open a port for the proxy", e);
    }
  }

  /** The proxy's address, with the target's path: give this to the client under test. */
  public URI uri() {
    return uri;
  }

  /**
   * Once a request matching {@code requestMatch} has passed, lets {@code bytes} bytes of the
   * response through and then resets the connection. Fires once.
   */
  public Fault resetResponseAfter(String requestMatch, long bytes) {
    return arm(new Fault(Kind.RESET_RESPONSE_AFTER, requestMatch, 1, bytes));
  }

  /**
   * Like {@link #resetResponseAfter}, but once {@code bytes} bytes are through, holds the
   * connection until {@code release} opens, and only then resets it: the client is stuck in the
   * middle of the download meanwhile, so a test can act while it is. Fires once.
   */
  public Fault holdThenResetResponseAfter(String requestMatch, long bytes, CountDownLatch release) {
    Fault fault = new Fault(Kind.RESET_RESPONSE_AFTER, requestMatch, 1, bytes);
    fault.release = release;
    return arm(fault);
  }

  /**
   * Resets the connection of each of the next {@code times} requests matching {@code requestMatch}
   * before any of it is forwarded: the server never sees them.
   */
  public Fault resetRequests(String requestMatch, int times) {
    return arm(new Fault(Kind.RESET_REQUEST, requestMatch, times, 0));
  }

  /**
   * Forwards the next request matching {@code requestMatch}, so the server processes it, and resets
   * the client's connection as soon as the response starts: the client sees an error although the
   * server succeeded. Fires once.
   */
  public Fault dropResponse(String requestMatch) {
    return arm(new Fault(Kind.DROP_RESPONSE, requestMatch, 1, 0));
  }

  /** Disarms every fault; connections already broken stay broken. */
  public void clearFaults() {
    faults.clear();
  }

  /** Every HTTP request line seen so far, in order, e.g. {@code PUT /warehouse/...}. */
  public List<String> requestLines() {
    return List.copyOf(requestLines);
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // Closing a listening socket only fails if it is already closed.
    }
    sockets.forEach(FaultyProxy::reset);
  }

  private Fault arm(Fault fault) {
    faults.add(fault);
    return fault;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // the listener was closed
      }
      Socket server = new Socket();
      try {
        server.connect(target);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
      } catch (IOException e) {
        close(server);
        reset(client); // the target is down: so is the proxy, for this connection
        continue;
      }
      Connection connection = new Connection(client, server);
      String name = "faulty-proxy-" + listener.getLocalPort() + "-" + client.getPort();
      daemon(name + "-request", connection::pumpRequests);
      daemon(name + "-response", connection::pumpResponses);
    }
  }

  /** One client connection and its own connection to the target. */
  private final class Connection {

    private final Socket client;
    private final Socket server;
    // -1: no limit; otherwise response bytes still allowed before the reset.
    private final AtomicLong responseBudget = new AtomicLong(-1);
    private volatile boolean dropResponse;
    private volatile CountDownLatch hold;
    private final AtomicInteger openDirections = new AtomicInteger(2);

    Connection(Socket client, Socket server) {
      this.client = client;
      this.server = server;
      sockets.add(client);
      sockets.add(server);
    }

    void pumpRequests() {
      byte[] buffer = new byte[64 * 1024];
      String tail = "";
      try {
        InputStream in = client.getInputStream();
        OutputStream out = server.getOutputStream();
        int n;
        while ((n = in.read(buffer)) >= 0) {
          String chunk = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
          String window = tail + chunk;
          recordRequestLines(chunk);
          Fault fault = firstMatch(window, tail.length());
          if (fault != null && fault.kind == Kind.RESET_REQUEST) {
            resetBoth();
            return;
          }
          if (fault != null && fault.kind == Kind.RESET_RESPONSE_AFTER) {
            hold = fault.release;
            responseBudget.set(fault.bytes);
          } else if (fault != null && fault.kind == Kind.DROP_RESPONSE) {
            dropResponse = true;
          }
          out.write(buffer, 0, n);
          out.flush();
          // Enough to find a request line split across two reads.
          tail = window.substring(Math.max(0, window.length() - 512));
        }
        finished(server);
      } catch (IOException e) {
        resetBoth(); // a peer broke the connection, or a fault did
      }
    }

    void pumpResponses() {
      byte[] buffer = new byte[64 * 1024];
      try {
        InputStream in = server.getInputStream();
        OutputStream out = client.getOutputStream();
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (dropResponse) {
            resetBoth();
            return;
          }
          long budget = responseBudget.get();
          if (budget >= 0 && n >= budget) {
            out.write(buffer, 0, (int) budget);
            out.flush();
            awaitRelease();
            resetBoth();
            return;
          }
          if (budget >= 0) {
            responseBudget.set(budget - n);
          }
          out.write(buffer, 0, n);
          out.flush();
        }
        finished(client);
      } catch (IOException e) {
        resetBoth(); // a peer broke the connection, or a fault did
      }
    }

    private void awaitRelease() {
      CountDownLatch release = hold;
      if (release == null) {
        return;
      }
      try {
        release.await(2, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /**
     * One direction ended normally: pass the end of stream on (an orderly FIN, so the peer still
     * reads what it was sent) and close the sockets once both directions have ended.
     */
    private void finished(Socket receiver) {
      try {
        receiver.shutdownOutput();
      } catch (IOException e) {
        // The receiver is gone already; the other direction will notice.
      }
      if (openDirections.decrementAndGet() == 0) {
        close(client);
        close(server);
        sockets.remove(client);
        sockets.remove(server);
      }
    }

    /** The first armed fault whose match ends in the new bytes (after {@code tailLength}). */
    private Fault firstMatch(String window, int tailLength) {
      for (Fault fault : faults) {
        int from = Math.max(0, tailLength - fault.match.length() + 1);
        if (window.indexOf(fault.match, from) >= 0 && fault.take()) {
          return fault;
        }
      }
      return null;
    }

    private void recordRequestLines(String chunk) {
      Matcher line = REQUEST_LINE.matcher(chunk);
      while (line.find()) {
        requestLines.add(line.group(1) + " " + line.group(2));
      }
    }

    private void resetBoth() {
      reset(client);
      reset(server);
      sockets.remove(client);
      sockets.remove(server);
    }
  }

  private static void reset(Socket socket) {
    try {
      if (!socket.isClosed()) {
        socket.setSoLinger(true, 0); // close() now sends RST instead of FIN
      }
    } catch (SocketException e) {
      // Already broken: closing is all that is left to do.
    }
    close(socket);
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing more can be done with a socket that fails to close.
    }
  }

  private static void daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  private enum Kind {
    RESET_RESPONSE_AFTER,
    RESET_REQUEST,
    DROP_RESPONSE
  }

  /** An armed fault: what it matches, how often it may still fire, how often it fired. */
  public static final class Fault {

    private final Kind kind;
    private final String match;
    private final long bytes;
    private final AtomicInteger remaining;
    private final AtomicInteger fired = new AtomicInteger();
    private volatile CountDownLatch release;

    private Fault(Kind kind, String match, int times, long bytes) {
      if (match.isEmpty() || match.length() > 512) {
        throw new IllegalArgumentException("match 1 to 512 characters, got '" + match + "'");
      }
      this.kind = kind;
      this.match = match;
      this.remaining = new AtomicInteger(times);
      this.bytes = bytes;
    }

    /** How many times the fault has fired. */
    public int fired() {
      return fired.get();
    }

    private boolean take() {
      if (remaining.getAndUpdate(r -> r > 0 ? r - 1 : r) > 0) {
        fired.incrementAndGet();
        return true;
      }
      return false;
    }

    @Override
    public String toString() {
      return kind + " '" + match + "' fired " + fired() + " time(s)";
    }
  }
}
