package dev.warp2api.warp.client;

import io.vertx.core.Future;

/**
 * Exchanges a refresh token for a fresh {@link AccessToken}. {@link HttpTokenRefresher} calls Warp;
 * tests and the pool may fake it. Implementations are thread-safe and never block.
 */
@FunctionalInterface
public interface TokenRefresher {
  /**
   * @param refreshToken the credential's refresh token; it never appears in any message or log
   * @return the new access token, or a future failed with {@link UpstreamFailureException}:
   *     {@link UpstreamFailure.AuthRejected} when Warp refuses the refresh token (400/401/403),
   *     {@link UpstreamFailure.Transient} on 5xx, timeouts, connect errors or an unreadable answer
   */
  Future<AccessToken> refresh(String refreshToken);
}
