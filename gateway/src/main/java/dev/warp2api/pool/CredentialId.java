package dev.warp2api.pool;

import java.util.Objects;

/**
 * An opaque handle on one pool credential: its name ({@code personal-1}) and the fingerprint of its
 * secret. Never carries the secret; {@link #toString()} is the name.
 */
public record CredentialId(String name, String fingerprint) {
  public CredentialId {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fingerprint, "fingerprint");
  }

  @Override
  public String toString() {
    return name;
  }
}
