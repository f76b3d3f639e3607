package dev.warp2api.warp.client;

import dev.warp2api.config.UpstreamSettings;
import dev.warp2api.config.WarpIdentity;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where Warp lives and how we present ourselves: the {@link UpstreamSettings} the transport needs.
 *
 * @param apiUrl {@code WARP_API_URL}, the AI endpoint
 * @param refreshUrl {@code WARP_REFRESH_URL}, the token exchange (the config computes its default)
 * @param graphqlUrl {@code WARP_GRAPHQL_URL}, without the {@code ?op=} parameter
 * @param identity the {@code x-warp-*} identity headers
 * @param insecureTls {@code WARP_INSECURE_TLS}: trust any certificate
 * @param httpsProxy {@code HTTPS_PROXY} ({@code http://[user:pass@]host:port}), or null
 * @param noProxy {@code NO_PROXY}, comma-separated hosts or domain suffixes, {@code *} for all; or
 *     null
 */
public record WarpEndpoints(
    URI apiUrl,
    URI refreshUrl,
    URI graphqlUrl,
    WarpIdentity identity,
    boolean insecureTls,
    String httpsProxy,
    String noProxy) {

  public WarpEndpoints {
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(identity, "identity");
  }

  /** The endpoints of validated settings. */
  public static WarpEndpoints from(UpstreamSettings upstream) {
    return new WarpEndpoints(
        upstream.apiUrl(),
        upstream.refreshUrl(),
        upstream.graphqlUrl(),
        upstream.identity(),
        upstream.insecureTls(),
        upstream.httpsProxy(),
        upstream.noProxy());
  }

  /**
   * The identity headers of every request to Warp, in the order they are sent:
   * {@code x-warp-client-id}, then {@code x-warp-client-version} and the {@code x-warp-os-*}
   * headers that are set. {@code bench/load.sh} sends the same ones straight to the simulator.
   */
  public Map<String, String> identityHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-warp-client-id", "warp-app");
    putIfPresent(headers, "x-warp-client-version", identity.clientVersion());
    putIfPresent(headers, "x-warp-os-category", identity.osCategory());
    putIfPresent(headers, "x-warp-os-name", identity.osName());
    putIfPresent(headers, "x-warp-os-version", identity.osVersion());
    return headers;
  }

  private static void putIfPresent(Map<String, String> headers, String name, String value) {
    if (value != null && !value.isBlank()) {
      headers.put(name, value);
    }
  }

  /**
   * The {@code host:port} of the proxy that a connection to {@code target} goes through
   * ({@code HTTPS_PROXY} unless {@code NO_PROXY} excludes the host; only {@code https://} targets),
   * or null for a direct connection. Never carries the proxy's user or password.
   */
  public String proxyFor(URI target) {
    var proxy = ProxyRule.forTarget(target, httpsProxy, noProxy);
    return proxy == null ? null : proxy.getHost() + ":" + proxy.getPort();
  }

  @Override
  public String toString() {
    return "WarpEndpoints[apiUrl=" + apiUrl + ", graphqlUrl=" + graphqlUrl + ", insecureTls="
        + insecureTls + ", proxy=" + (httpsProxy == null || httpsProxy.isBlank() ? "none" : "set")
        + "]";
  }
}
