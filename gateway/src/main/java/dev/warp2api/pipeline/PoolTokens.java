package dev.warp2api.pipeline;

import dev.warp2api.config.CredentialSpec;
import dev.warp2api.pool.Credential;
import dev.warp2api.pool.CredentialId;
import dev.warp2api.pool.CredentialPool;
import dev.warp2api.pool.Lease;
import dev.warp2api.warp.client.AccessToken;
import dev.warp2api.warp.client.AccessTokens;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens for the pool's credentials: the {@link AccessTokens} cache keyed by fingerprint (so
 * a reordered {@code .env} keeps its tokens), seeded from and persisted to the pool's state, and
 * {@code WARP_JWT} credentials used as they are. Thread-safe.
 */
public final class PoolTokens implements CredentialTokens {
  private final CredentialPool pool;
  private final AccessTokens tokens;
  private final Map<String, CredentialId> byFingerprint = new ConcurrentHashMap<>();

  private final SharedRefresher shared;

  /** @param sharedOrNull told when a credential's next refresh must really reach Warp */
  public PoolTokens(CredentialPool pool, AccessTokens tokens, SharedRefresher sharedOrNull) {
    this.pool = pool;
    this.tokens = tokens;
    this.shared = sharedOrNull;
    for (CredentialId id : pool.ids()) {
      byFingerprint.put(id.fingerprint(), id);
      pool.cachedAccessToken(id)
          .ifPresent(t -> tokens.seed(id.fingerprint(), new AccessToken(t.token(), t.expiresAt())));
    }
    tokens.onRefreshed((fingerprint, token) -> {
      CredentialId id = byFingerprint.get(fingerprint);
      if (id != null) {
        pool.rememberAccessToken(id, token.value(), token.expiresAt());
      }
    });
  }

  @Override
  public Future<AccessToken> get(Lease lease) {
    return get(lease.credential(), lease.secret());
  }

  /** A token for a credential outside a lease (quota reads, {@code pool check}). */
  public Future<AccessToken> get(CredentialId id) {
    return pool.forMaintenance(id)
        .map(e -> get(e.getKey(), e.getValue()))
        .orElseGet(() ->
            Future.failedFuture(new IllegalArgumentException("unknown credential " + id.name())));
  }

  private Future<AccessToken> get(Credential credential, String secret) {
    CredentialId id = credential.id();
    byFingerprint.putIfAbsent(id.fingerprint(), id);
    if (credential.kind() == CredentialSpec.Kind.ACCESS_TOKEN) {
      return tokens.get(
          new CredentialSpec(id.name(), credential.tier(), credential.kind(), secret));
    }
    return tokens.get(id.fingerprint(), secret);
  }

  /** Forgets {@code id}'s cached access token so its next use refreshes ({@code pool check}). */
  public void invalidate(CredentialId id) {
    force(id.fingerprint());
    tokens.invalidate(id.fingerprint());
  }

  @Override
  public void invalidate(Lease lease) {
    force(lease.credential().id().fingerprint());
    tokens.invalidate(lease.credential().id().fingerprint());
  }

  private void force(String fingerprint) {
    if (shared != null) {
      shared.force(fingerprint);
    }
  }
}
