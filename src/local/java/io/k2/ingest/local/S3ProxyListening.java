package io.k2.ingest.local;

import java.lang.reflect.Field;
import java.util.function.IntConsumer;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.Response;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.gaul.shaded.org.eclipse.jetty.util.Callback;

/**
 * Puts a {@link RequestListener} in front of S3Proxy's handler. S3Proxy exposes no hook for this,
 * so its (shaded) Jetty server is reached by reflection, before it starts.
 */
final class S3ProxyListening {

  private S3ProxyListening() {}

  static void attach(S3Proxy proxy, RequestListener listener) {
    try {
      Field field = S3Proxy.class.getDeclaredField("server");
      field.setAccessible(true);
      Server server = (Server) field.get(proxy);
      server.setHandler(new Listening(server.getHandler(), listener));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("S3Proxy's Jetty server is not where it used to be", e);
    }
  }

  private static final class Listening extends Handler.Wrapper {

    private final RequestListener listener;

    Listening(Handler handler, RequestListener listener) {
      super(handler);
      this.listener = listener;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      IntConsumer answered =
          listener.received(
              request.getMethod(),
              request.getHttpURI().getDecodedPath(),
              request.getHttpURI().getQuery(),
              name -> request.getHeaders().get(name));
      return super.handle(
          request,
          response,
          new Callback.Nested(callback) {
            @Override
            public void succeeded() {
              answered.accept(response.getStatus());
              super.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
              answered.accept(response.getStatus());
              super.failed(failure);
            }
          });
    }
  }
}
