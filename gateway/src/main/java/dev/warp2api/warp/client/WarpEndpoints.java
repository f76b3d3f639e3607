package dev.warp2api.warp.client;

import dev.warp2api.config.Settings;
import dev.warp2api.config.Settings.WarpIdentity;
import java.net.URI;
import java.util.Objects;

/**
 * Where Warp lives and how we present ourselves: the part of {@link Settings} the transport needs.
 *
 * @param apiUrl {@code WARP_API_URL}, the AI endpoint
 * @param refreshUrl {@code WARP_REFRESH_URL}, the token exchange (the config computes its default)
 * @param graphqlUrl {@code WARP_GRAPHQL_URL}, without the {@code ?op=} parameter
 * @param identity the {@code x-warp-*} identity headers
 * @param insecureTls {@code WARP_INSECURE_TLS}: trust any certificate
 * @param httpsProxy {@code HTTPS_PROXY} ({@code http://[user:pass@]host:port}), or null
 * @param noProxy {@code NO_PROXY}, comma-separated hosts or domain suffixes, {@code *} for all; or null
 */
public record WarpEndpoints(URI apiUrl, URI refreshUrl, URI graphqlUrl, WarpIdentity identity,
    boolean insecureTls, String httpsProxy, String noProxy) {

  public WarpEndpoints {
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(identity, "identity");
  }

  /** The endpoints of validated settings. */
  public static WarpEndpoints from(Settings settings) {
    return new WarpEndpoints(settings.warpApiUrl(), settings.warpRefreshUrl(), settings.warpGraphqlUrl(),
        settings.identity(), settings.insecureTls(), settings.httpsProxy(), settings.noProxy());
  }

  @Override
  public String toString() {
    return "WarpEndpoints[apiUrl=" + apiUrl + ", graphqlUrl=" + graphqlUrl + ", insecureTls=" + insecureTls
        + ", proxy=" + (httpsProxy == null || httpsProxy.isBlank() ? "none" : "set") + "]";
  }
}
