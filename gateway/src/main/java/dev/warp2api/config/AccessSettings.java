package dev.warp2api.config;

import java.util.List;

/**
 * Who may call the gateway. {@link #toString()} counts the keys and never shows one.
 *
 * @param apiKeys {@code API_TOKEN}: client keys; empty = {@code /v1/*} and {@code /api/*} are open
 * @param adminKey {@code W2A_ADMIN_TOKEN}, or null: then {@code /admin/*} is for loopback clients
 *     only
 */
public record AccessSettings(List<String> apiKeys, String adminKey) {
  public AccessSettings {
    apiKeys = List.copyOf(apiKeys);
  }

  @Override
  public String toString() {
    return "AccessSettings[apiKeys=" + apiKeys.size() + " key(s), adminKey="
        + (adminKey == null ? "unset" : "██") + "]";
  }
}
