package dev.warp2api.warp.client;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Map;

/**
 * Builds the requests sent to Warp, and the Vert.x clients for {@code http://} upstreams (tests,
 * the plain simulator): HTTP/1.1 with keep-alive. {@code https://} upstreams are reached through
 * {@link UpstreamTransport} instead. Response bodies are never decompressed and no
 * {@code accept-encoding} is sent: we want the raw SSE bytes.
 */
final class UpstreamHttp {
  private UpstreamHttp() {}

  /**
   * An HTTP/1.1 client for the host of {@code target}, an {@code http://} URL; the caller owns it
   * and closes it.
   */
  static HttpClient client(
      Vertx vertx, URI target, WarpEndpoints endpoints, TransportOptions options) {
    if (UpstreamTransport.isTls(target)) {
      throw new IllegalArgumentException("https:// upstreams go through UpstreamTransport");
    }
    HttpClientOptions http = new HttpClientOptions()
        .setConnectTimeout((int) options.connectTimeout().toMillis())
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setDecompressionSupported(false)
        .setProtocolVersion(HttpVersion.HTTP_1_1);
    var proxy = ProxyRule.forTarget(target, endpoints.httpsProxy(), endpoints.noProxy());
    if (proxy != null) {
      http.setProxyOptions(proxy);
    }
    PoolOptions pool =
        new PoolOptions().setHttp1MaxSize(options.http1PoolSize()).setMaxWaitQueueSize(-1);
    return vertx.httpClientBuilder().with(http).with(pool).build();
  }

  /**
   * A POST to {@code target} with the identity headers, timeouts applied, and the given content
   * type.
   */
  static RequestOptions post(
      URI target,
      Map<String, String> identityHeaders,
      TransportOptions options,
      String contentType,
      String accept) {
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(target.toString())
        .setConnectTimeout(options.connectTimeout().toMillis())
        // Vert.x's request idle timeout runs until the response head arrives, then stops; the
        // body's
        // silence is watched by UpstreamResponse (idleTimeout).
        .setIdleTimeout(options.headTimeout().toMillis())
        .setFollowRedirects(false);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    headers.set("accept", accept);
    headers.set("content-type", contentType);
    identityHeaders.forEach(headers::set);
    request.setHeaders(headers);
    return request;
  }

  /** Adds {@code authorization: Bearer …}; the token goes nowhere else. */
  static RequestOptions withBearer(RequestOptions request, String accessToken) {
    request.getHeaders().set("authorization", "Bearer " + accessToken);
    return request;
  }
}
