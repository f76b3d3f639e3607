package dev.warp2api.pipeline;

import dev.warp2api.pool.Lease;
import dev.warp2api.warp.client.AccessToken;
import io.vertx.core.Future;

/**
 * Access tokens for leased credentials: a cached one while it is fresh, else one refresh shared by
 * every concurrent caller of the same credential. A refresh Warp rejects fails with an
 * {@code UpstreamFailureException} carrying {@code AuthRejected}.
 */
public interface CredentialTokens {
  Future<AccessToken> get(Lease lease);

  /** Forgets the cached token of this credential (after Warp answered 401 with it). */
  void invalidate(Lease lease);
}
