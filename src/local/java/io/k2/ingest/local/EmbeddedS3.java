package io.k2.ingest.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3-compatible server in this JVM (S3Proxy), on {@code http://127.0.0.1:<free port>}. It
 * accepts any credentials, speaks path-style addressing, and keeps objects either in memory or in a
 * directory, where they outlive the server.
 */
public final class EmbeddedS3 implements AutoCloseable {

  private final S3Proxy proxy;
  private final BlobStore store;
  private final URI endpoint;

  private EmbeddedS3(S3Proxy proxy, BlobStore store, URI endpoint) {
    this.proxy = proxy;
    this.store = store;
    this.endpoint = endpoint;
  }

  /** A server whose objects vanish when it is closed. */
  public static EmbeddedS3 inMemory() {
    return inMemory(RequestListener.NONE);
  }

  /** An in-memory server that tells {@code listener} about every request it receives. */
  public static EmbeddedS3 inMemory(RequestListener listener) {
    return start(new TransientNio2BlobStore(), listener);
  }

  /** A server keeping buckets as sub-directories of {@code dir}, created if missing. */
  public static EmbeddedS3 onDisk(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the S3 directory " + dir, e);
    }
    return start(
        new FilesystemNio2BlobStore(dir.toAbsolutePath().toString()), RequestListener.NONE);
  }

  private static EmbeddedS3 start(BlobStore store, RequestListener listener) {
    QuietLogging.servers();
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.NONE, "", "")
            // The SDK sends headers (checksums, SDK metadata) S3Proxy does not model.
            .ignoreUnknownHeaders(true)
            .build();
    if (listener != RequestListener.NONE) {
      S3ProxyListening.attach(proxy, listener);
    }
    try {
      proxy.start();
    } catch (Exception e) { // S3Proxy.start() declares Exception; nothing here can carry on.
      throw new IllegalStateException("S3Proxy did not start", e);
    }
    if (!"STARTED".equals(proxy.getState())) {
      throw new IllegalStateException("S3Proxy is " + proxy.getState() + " after start()");
    }
    return new EmbeddedS3(proxy, store, URI.create("http://127.0.0.1:" + proxy.getPort()));
  }

  /** Where clients send requests; use path-style addressing. */
  public URI endpoint() {
    return endpoint;
  }

  /** Creates the bucket unless it exists. */
  public void createBucket(String name) {
    if (!store.containerExists(name)) {
      store.createContainer(name);
    }
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) { // S3Proxy.stop() declares Exception.
      throw new IllegalStateException("S3Proxy did not stop", e);
    } finally {
      store.close();
    }
  }
}
