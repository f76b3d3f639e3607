package dev.warp2api.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.config.Settings.LogFormat;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsDefaultsTest {
  @TempDir Path dir;

  @Test
  void emptyEnvironmentGivesContractDefaults() {
    SettingsLoader.LoadResult result = SettingsLoader.load(Map.of(), dir);
    Settings s = result.settings();
    assertThat(result.warnings()).isEmpty();
    assertThat(s.credentials()).isEmpty();
    assertThat(s.poolOrder()).containsExactly(Tier.PERSONAL, Tier.SHARED, Tier.ANONYMOUS);
    assertThat(s.apiKeys()).isEmpty();
    assertThat(s.adminKey()).isNull();
    assertThat(s.host()).isEqualTo("127.0.0.1");
    assertThat(s.port()).isEqualTo(28889);
    assertThat(s.bridgePort()).isZero();
    assertThat(s.warpApiUrl()).isEqualTo(URI.create("https://app.warp.dev/ai/multi-agent"));
    assertThat(s.warpRefreshUrl())
        .isEqualTo(URI.create("https://app.warp.dev/proxy/token?key=AIzaSyBdy3O3S9hrdayLJxJ7mriBR4qgUaUygAs"));
    assertThat(s.warpGraphqlUrl()).isEqualTo(URI.create("https://app.warp.dev/graphql/v2"));
    assertThat(s.identity()).isEqualTo(new Settings.WarpIdentity("v0.2026.06.03.09.49.stable_00", "macOS", "macOS", "26.3"));
    assertThat(s.stateDir()).isEqualTo(dir.resolve("data"));
    assertThat(s.redisUrl()).isNull();
    assertThat(s.quotaCooldown()).isEqualTo(Duration.ofHours(1));
    assertThat(s.quotaPollInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.cooldownMin()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.cooldownMax()).isEqualTo(Duration.ofHours(1));
    assertThat(s.authFailures()).isEqualTo(3);
    assertThat(s.maxWait()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.maxConcurrencyPerCredential()).isZero();
    assertThat(s.keepalive()).isEqualTo(Duration.ofSeconds(15));
    assertThat(s.modelAliases()).isEmpty();
    assertThat(s.maxBodyBytes()).isEqualTo(20L * 1024 * 1024);
    assertThat(s.logFormat()).isEqualTo(LogFormat.TEXT);
    assertThat(s.verbose()).isFalse();
    assertThat(s.insecureTls()).isFalse();
    assertThat(s.httpsProxy()).isNull();
    assertThat(s.noProxy()).isNull();
    assertThat(s.prompting().systemPromptPrefix()).isEqualTo(SettingsLoader.DEFAULT_SYSTEM_PROMPT_PREFIX).isNotBlank();
    assertThat(s.prompting().mcpServersForm()).isFalse();
  }

  @Test
  void upstreamUrlsFollowTheOriginOfWarpApiUrl() {
    Settings s = SettingsLoader.load(Map.of("WARP_API_URL", "http://127.0.0.1:28880/ai/multi-agent"), dir).settings();
    assertThat(s.warpRefreshUrl()).hasToString("http://127.0.0.1:28880/proxy/token?key=" + SettingsLoader.FIREBASE_WEB_KEY);
    assertThat(s.warpGraphqlUrl()).hasToString("http://127.0.0.1:28880/graphql/v2");
  }

  @Test
  void typedValuesAreParsed() {
    Settings s = SettingsLoader.load(Map.ofEntries(
        Map.entry("W2A_QUOTA_COOLDOWN", "500ms"), Map.entry("W2A_MAX_WAIT", "30"),
        Map.entry("W2A_COOLDOWN_MAX", "2d"), Map.entry("W2A_MAX_BODY_BYTES", "512KiB"),
        Map.entry("W2A_VERBOSE", "YES"), Map.entry("WARP_INSECURE_TLS", "1"), Map.entry("W2A_LOG_FORMAT", "JSON"),
        Map.entry("WARP_POOL_ORDER", "anonymous, shared ,personal"), Map.entry("W2A_BRIDGE_PORT", "28888"),
        Map.entry("W2A_MODEL_ALIASES", "GPT-4o=gpt-5, sonnet=claude-4-sonnet"),
        Map.entry("W2A_SYSTEM_PROMPT_PREFIX", "none"), Map.entry("W2A_MCP_SERVERS_FORM", "true"),
        Map.entry("W2A_REDIS_URL", "redis://127.0.0.1:6379")), dir).settings();
    assertThat(s.quotaCooldown()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.maxWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.cooldownMax()).isEqualTo(Duration.ofDays(2));
    assertThat(s.maxBodyBytes()).isEqualTo(512 * 1024);
    assertThat(s.verbose()).isTrue();
    assertThat(s.insecureTls()).isTrue();
    assertThat(s.logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(s.poolOrder()).isEqualTo(List.of(Tier.ANONYMOUS, Tier.SHARED, Tier.PERSONAL));
    assertThat(s.bridgePort()).isEqualTo(28888);
    assertThat(s.modelAliases()).containsEntry("gpt-4o", "gpt-5").containsEntry("sonnet", "claude-4-sonnet");
    assertThat(s.prompting()).isEqualTo(new Settings.Prompting("", true));
    assertThat(s.redisUrl()).isEqualTo("redis://127.0.0.1:6379");
  }
}
