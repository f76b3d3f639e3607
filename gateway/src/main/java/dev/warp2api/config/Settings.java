package dev.warp2api.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every setting of CONTRACT.md "Settings", read once at start and validated. Immutable; no code reads
 * the environment after start-up. {@link #toString()} never shows a secret.
 */
public record Settings(
    List<CredentialSpec> credentials,
    List<Tier> poolOrder,
    List<String> apiKeys,
    String adminKey,
    String host,
    int port,
    int bridgePort,
    URI warpApiUrl,
    URI warpRefreshUrl,
    URI warpGraphqlUrl,
    WarpIdentity identity,
    Path stateDir,
    String redisUrl,
    Duration quotaCooldown,
    Duration quotaPollInterval,
    Duration cooldownMin,
    Duration cooldownMax,
    int authFailures,
    Duration maxWait,
    int maxConcurrencyPerCredential,
    Duration keepalive,
    Map<String, String> modelAliases,
    long maxBodyBytes,
    LogFormat logFormat,
    boolean verbose,
    boolean insecureTls,
    String httpsProxy,
    String noProxy,
    Prompting prompting) {

  public enum LogFormat { TEXT, JSON }

  /** The identity headers sent upstream ({@code x-warp-client-version}, {@code x-warp-os-*}). */
  public record WarpIdentity(String clientVersion, String osCategory, String osName, String osVersion) {}

  /**
   * How chats are put into Warp requests where the protocol leaves us a choice.
   *
   * @param systemPromptPrefix text put before the client's system prompt (may be empty)
   * @param mcpServersForm send tools in {@code mcp_context.servers} instead of the deprecated {@code tools}
   */
  public record Prompting(String systemPromptPrefix, boolean mcpServersForm) {}

  public Settings {
    credentials = List.copyOf(credentials);
    poolOrder = List.copyOf(poolOrder);
    apiKeys = List.copyOf(apiKeys);
    modelAliases = Map.copyOf(modelAliases);
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(warpApiUrl, "warpApiUrl");
  }

  @Override
  public String toString() {
    return "Settings[credentials=" + credentials + ", apiKeys=" + apiKeys.size() + " key(s), adminKey="
        + (adminKey == null ? "unset" : "██") + ", host=" + host + ", port=" + port + ", warpApiUrl=" + warpApiUrl + "]";
  }
}
