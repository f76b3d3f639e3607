package dev.warp2api.api;

import dev.warp2api.usage.NamedKey;

/**
 * Who a request on a client route is, as far as keys go: the name of the key it presented
 * ({@code key-1} for an {@code API_TOKEN} key, or a named key's name) and, for a named key, the key
 * with its limits.
 *
 * @param keyName the key's name, or null when no key is needed
 * @param named the named key, or null ({@code API_TOKEN} keys have no limits)
 */
public record Caller(String keyName, NamedKey named) {
  /** A request on a gateway that needs no client key. */
  public static final Caller ANONYMOUS = new Caller(null, null);

  static Caller of(String apiTokenKeyName) {
    return new Caller(apiTokenKeyName, null);
  }

  static Caller of(NamedKey key) {
    return new Caller(key.name(), key);
  }

  /** Whether the Warp model {@code modelId} is one this caller may use. */
  public boolean allows(String modelId) {
    return named == null || named.allows(modelId);
  }
}
