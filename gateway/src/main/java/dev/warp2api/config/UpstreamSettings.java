package dev.warp2api.config;

import java.net.URI;
import java.time.Duration;
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
 * @param headTimeout {@code W2A_UPSTREAM_HEAD_TIMEOUT}: how long one attempt waits for Warp's
 *     response head
 * @param budget {@code W2A_UPSTREAM_BUDGET}: how long a request's attempts (and its waits for a
 *     credential) may take before the first content; once content flows only the silence limit
 *     applies
 * @param refreshTimeout {@code W2A_REFRESH_TIMEOUT}: how long one token refresh may take, whole
 */
public record UpstreamSettings(
    URI apiUrl,
    URI refreshUrl,
    URI graphqlUrl,
    WarpIdentity identity,
    boolean insecureTls,
    String httpsProxy,
    String noProxy,
    Duration headTimeout,
    Duration budget,
    Duration refreshTimeout) {

  /** {@code W2A_UPSTREAM_HEAD_TIMEOUT} when unset. */
  public static final Duration DEFAULT_HEAD_TIMEOUT = Duration.ofSeconds(30);

  /** {@code W2A_UPSTREAM_BUDGET} when unset: three silent attempts' worth of head timeouts. */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(90);

  /** {@code W2A_REFRESH_TIMEOUT} when unset: a refresh is one small exchange. */
  public static final Duration DEFAULT_REFRESH_TIMEOUT = Duration.ofSeconds(10);

  public UpstreamSettings {
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(headTimeout, "headTimeout");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(refreshTimeout, "refreshTimeout");
  }

  @Override
  public String toString() {
    return "UpstreamSettings[apiUrl=" + apiUrl + ", graphqlUrl=" + graphqlUrl + ", identity="
        + identity + ", insecureTls=" + insecureTls + ", proxy="
        + (httpsProxy == null ? "none" : "set") + ", headTimeout=" + headTimeout + ", budget="
        + budget + ", refreshTimeout=" + refreshTimeout + "]";
  }
}
