package dev.warp2api.config;

import java.net.URI;
import java.util.Objects;

/**
 * Where Warp is and how the gateway reaches it. {@link #toString()} does not show the proxy URL,
 * which may carry a password.
 *
 * @param apiUrl {@code WARP_API_URL}, the AI endpoint
 * @param refreshUrl {@code WARP_REFRESH_URL}; by default on the origin of {@link #apiUrl}
 * @param graphqlUrl {@code WARP_GRAPHQL_URL}; by default on the origin of {@link #apiUrl}
 * @param identity the {@code x-warp-*} identity headers
 * @param insecureTls {@code WARP_INSECURE_TLS}: trust any certificate
 * @param httpsProxy {@code HTTPS_PROXY} ({@code http://[user:pass@]host:port}), or null
 * @param noProxy {@code NO_PROXY}, or null
 */
public record UpstreamSettings(
    URI apiUrl,
    URI refreshUrl,
    URI graphqlUrl,
    WarpIdentity identity,
    boolean insecureTls,
    String httpsProxy,
    String noProxy) {

  public UpstreamSettings {
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(identity, "identity");
  }

  @Override
  public String toString() {
    return "UpstreamSettings[apiUrl=" + apiUrl + ", graphqlUrl=" + graphqlUrl + ", identity="
        + identity + ", insecureTls=" + insecureTls + ", proxy="
        + (httpsProxy == null ? "none" : "set") + "]";
  }
}
