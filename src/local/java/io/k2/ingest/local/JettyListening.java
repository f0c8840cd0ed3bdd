package io.k2.ingest.local;

import java.util.function.IntConsumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** A Jetty handler that tells a {@link RequestListener} about each request it passes on. */
final class JettyListening extends Handler.Wrapper {

  private final RequestListener listener;

  JettyListening(Handler handler, RequestListener listener) {
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
