package io.k2.ingest.local;

import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

/**
 * Sees every HTTP request an embedded server receives, before it is handled, and its status once
 * answered. The servers see every call a function makes, so tests use this to learn exactly which
 * S3 and catalog operations each function needs.
 */
@FunctionalInterface
public interface RequestListener {

  /** Listens to nothing. */
  RequestListener NONE = (method, path, query, headers) -> status -> {};

  /**
   * A request arrived.
   *
   * @param path the decoded path, e.g. {@code /warehouse/market_data/trades/metadata/v1.json}
   * @param query the raw query string, or null
   * @param headers a request header by name (case-insensitive), null when absent
   * @return what to call with the response status once the request is answered
   */
  IntConsumer received(String method, String path, String query, UnaryOperator<String> headers);
}
