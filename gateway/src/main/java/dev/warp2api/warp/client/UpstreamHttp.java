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
import java.util.List;
import java.util.Map;

/**
 * Builds the Vert.x clients that talk to Warp and the requests they send: {@code https://}
 * negotiates HTTP/2 by ALPN (falling back to HTTP/1.1), {@code http://} speaks HTTP/1.1 with
 * keep-alive. Response bodies are never decompressed and no {@code accept-encoding} is sent: we
 * want the raw SSE bytes.
 */
final class UpstreamHttp {
  private UpstreamHttp() {}

  /** A client for the host of {@code target}; the caller owns it and closes it. */
  static HttpClient client(
      Vertx vertx, URI target, WarpEndpoints endpoints, TransportOptions options) {
    boolean tls = "https".equalsIgnoreCase(target.getScheme());
    HttpClientOptions http = new HttpClientOptions()
        .setConnectTimeout((int) options.connectTimeout().toMillis())
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setDecompressionSupported(false)
        .setSsl(tls);
    if (tls) {
      http.setSslEngineOptions(TlsEngine.preferred())
          .setUseAlpn(true)
          .setProtocolVersion(HttpVersion.HTTP_2)
          .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
      if (endpoints.insecureTls()) {
        http.setTrustAll(true).setVerifyHost(false);
      }
    } else {
      http.setProtocolVersion(HttpVersion.HTTP_1_1);
    }
    var proxy = ProxyRule.forTarget(target, endpoints.httpsProxy(), endpoints.noProxy());
    if (proxy != null) {
      http.setProxyOptions(proxy);
    }
    PoolOptions pool = new PoolOptions()
        .setHttp1MaxSize(options.http1PoolSize())
        .setHttp2MaxSize(options.http2PoolSize())
        .setMaxWaitQueueSize(-1);
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
