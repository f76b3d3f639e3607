package dev.warp2api.pool;

import dev.warp2api.config.CredentialSpec;
import dev.warp2api.config.Tier;
import java.util.Objects;

/**
 * What a lease holder may know about the credential it holds: id, tier and whether the secret is a
 * refresh token (to be exchanged) or a ready access token ({@code WARP_JWT}, never refreshed).
 */
public record Credential(CredentialId id, Tier tier, CredentialSpec.Kind kind) {
  public Credential {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(kind, "kind");
  }

  public String name() {
    return id.name();
  }
}
