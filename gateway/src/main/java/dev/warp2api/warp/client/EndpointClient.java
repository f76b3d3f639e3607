package dev.warp2api.warp.client;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The HTTP client of one Warp endpoint (AI call, token refresh or GraphQL) with what its requests
 * need: the endpoints' identity headers and the transport options. Thread-safe; owns a connection
 * pool, which {@link #close()} closes.
 *
 * @param url the endpoint's URL
 * @param endpoints where Warp is and the identity to send
 * @param options timeouts and pool sizes
 * @param http the client for {@code url}'s host
 * @param identityHeaders {@code endpoints.identityHeaders()}, listed once instead of on every
 *     request
 */
record EndpointClient(
    URI url,
    WarpEndpoints endpoints,
    TransportOptions options,
    HttpClient http,
    Map<String, String> identityHeaders)
    implements AutoCloseable {

  /**
   * Opens a client for the URL that {@code url} picks from {@code endpoints}.
   *
   * @param urlName the accessor's name, for the message when that URL is null
   *     ({@code endpoints.refreshUrl})
   * @throws NullPointerException naming the argument (or {@code urlName}) that is null
   */
  static EndpointClient open(
      Vertx vertx,
      WarpEndpoints endpoints,
      Function<WarpEndpoints, URI> url,
      String urlName,
      TransportOptions options) {
    Objects.requireNonNull(endpoints, "endpoints");
    URI target = Objects.requireNonNull(url.apply(endpoints), urlName);
    Objects.requireNonNull(options, "options");
    HttpClient http =
        UpstreamHttp.client(Objects.requireNonNull(vertx, "vertx"), target, endpoints, options);
    return new EndpointClient(
        target, endpoints, options, http, Collections.unmodifiableMap(endpoints.identityHeaders()));
  }

  /**
   * A POST to {@code target} (this endpoint's URL, or one derived from it) with the identity
   * headers.
   */
  RequestOptions post(URI target, String contentType, String accept) {
    return UpstreamHttp.post(target, identityHeaders, options, contentType, accept);
  }

  @Override
  public void close() {
    http.close();
  }
}
