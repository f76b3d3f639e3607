package dev.warp2api.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.config.LogSettings.Format;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsDefaultsTest {
  @TempDir
  Path dir;

  @Test
  void emptyEnvironmentGivesContractDefaults() {
    SettingsLoader.LoadResult result = SettingsLoader.load(Map.of(), dir);
    Settings s = result.settings();
    assertThat(result.warnings()).isEmpty();
    assertThat(s.pool().credentials()).isEmpty();
    assertThat(s.pool().order()).containsExactly(Tier.PERSONAL, Tier.SHARED, Tier.ANONYMOUS);
    assertThat(s.access().apiKeys()).isEmpty();
    assertThat(s.access().adminKey()).isNull();
    assertThat(s.listen().host()).isEqualTo("127.0.0.1");
    assertThat(s.listen().port()).isEqualTo(28889);
    assertThat(s.listen().bridgePort()).isZero();
    assertThat(s.upstream().apiUrl()).isEqualTo(URI.create("https://app.warp.dev/ai/multi-agent"));
    assertThat(s.upstream().refreshUrl())
        .isEqualTo(URI.create(
            "https://app.warp.dev/proxy/token?key=AIzaSyBdy3O3S9hrdayLJxJ7mriBR4qgUaUygAs"));
    assertThat(s.upstream().graphqlUrl()).isEqualTo(URI.create("https://app.warp.dev/graphql/v2"));
    assertThat(s.upstream().identity())
        .isEqualTo(new WarpIdentity("v0.2026.06.03.09.49.stable_00", "macOS", "macOS", "26.3"));
    assertThat(s.store().stateDir()).isEqualTo(dir.resolve("data"));
    assertThat(s.store().redisUrl()).isNull();
    assertThat(s.store().responses())
        .isEqualTo(new ResponseStoreLimits(1000, 32L << 20, Duration.ofDays(30)));
    assertThat(s.pool().cooldowns().quotaCooldown()).isEqualTo(Duration.ofHours(1));
    assertThat(s.pool().cooldowns().quotaPollInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.pool().cooldowns().min()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.pool().cooldowns().max()).isEqualTo(Duration.ofHours(1));
    assertThat(s.pool().cooldowns().authFailures()).isEqualTo(3);
    assertThat(s.pool().maxWait()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.pool().maxConcurrencyPerCredential()).isZero();
    assertThat(s.limits().keepalive()).isEqualTo(Duration.ofSeconds(15));
    assertThat(s.translation().modelAliases()).isEmpty();
    assertThat(s.limits().maxBodyBytes()).isEqualTo(20L * 1024 * 1024);
    assertThat(s.log().format()).isEqualTo(Format.TEXT);
    assertThat(s.log().verbose()).isFalse();
    assertThat(s.upstream().insecureTls()).isFalse();
    assertThat(s.upstream().httpsProxy()).isNull();
    assertThat(s.upstream().noProxy()).isNull();
    assertThat(s.upstream().headTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.upstream().budget()).isEqualTo(Duration.ofSeconds(90));
    assertThat(s.upstream().refreshTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.translation().systemPromptPrefix())
        .isEqualTo(SettingsLoader.DEFAULT_SYSTEM_PROMPT_PREFIX)
        .isNotBlank();
    assertThat(s.translation().mcpServersForm()).isFalse();
  }

  @Test
  void upstreamUrlsFollowTheOriginOfWarpApiUrl() {
    Settings s = SettingsLoader.load(
            Map.of("WARP_API_URL", "http://127.0.0.1:28880/ai/multi-agent"), dir)
        .settings();
    assertThat(s.upstream().refreshUrl())
        .hasToString("http://127.0.0.1:28880/proxy/token?key=" + SettingsLoader.FIREBASE_WEB_KEY);
    assertThat(s.upstream().graphqlUrl()).hasToString("http://127.0.0.1:28880/graphql/v2");
  }

  @Test
  void conversationAffinityBoundsDefaultAndAreRead() {
    assertThat(SettingsLoader.load(Map.of(), dir).settings().pool().affinity())
        .isEqualTo(new AffinitySettings(10_000, Duration.ofHours(1)));
    Settings s = SettingsLoader.load(
            Map.of("W2A_AFFINITY_MAX", "0", "W2A_AFFINITY_IDLE", "15m"), dir)
        .settings();
    assertThat(s.pool().affinity()).isEqualTo(new AffinitySettings(0, Duration.ofMinutes(15)));
  }

  @Test
  void responseStoreBoundsAreRead() {
    Settings s = SettingsLoader.load(
            Map.of(
                "W2A_RESPONSE_STORE_MAX",
                "50",
                "W2A_RESPONSE_STORE_MAX_BYTES",
                "4MiB",
                "W2A_RESPONSE_STORE_TTL",
                "2h"),
            dir)
        .settings();
    assertThat(s.store().responses())
        .isEqualTo(new ResponseStoreLimits(50, 4L << 20, Duration.ofHours(2)));
  }

  @Test
  void typedValuesAreParsed() {
    Settings s = SettingsLoader.load(
            Map.ofEntries(
                Map.entry("W2A_QUOTA_COOLDOWN", "500ms"),
                Map.entry("W2A_MAX_WAIT", "30"),
                Map.entry("W2A_COOLDOWN_MAX", "2d"),
                Map.entry("W2A_MAX_BODY_BYTES", "512KiB"),
                Map.entry("W2A_VERBOSE", "YES"),
                Map.entry("WARP_INSECURE_TLS", "1"),
                Map.entry("W2A_LOG_FORMAT", "JSON"),
                Map.entry("WARP_POOL_ORDER", "anonymous, shared ,personal"),
                Map.entry("W2A_BRIDGE_PORT", "28888"),
                Map.entry("W2A_MODEL_ALIASES", "GPT-4o=gpt-5, sonnet=claude-4-sonnet"),
                Map.entry("W2A_SYSTEM_PROMPT_PREFIX", "none"),
                Map.entry("W2A_MCP_SERVERS_FORM", "true"),
                Map.entry("W2A_REDIS_URL", "redis://127.0.0.1:6379"),
                Map.entry("W2A_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32]))),
            dir)
        .settings();
    assertThat(s.pool().cooldowns().quotaCooldown()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.pool().maxWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.pool().cooldowns().max()).isEqualTo(Duration.ofDays(2));
    assertThat(s.limits().maxBodyBytes()).isEqualTo(512 * 1024);
    assertThat(s.log().verbose()).isTrue();
    assertThat(s.upstream().insecureTls()).isTrue();
    assertThat(s.log().format()).isEqualTo(Format.JSON);
    assertThat(s.pool().order()).isEqualTo(List.of(Tier.ANONYMOUS, Tier.SHARED, Tier.PERSONAL));
    assertThat(s.listen().bridgePort()).isEqualTo(28888);
    assertThat(s.translation().modelAliases())
        .containsEntry("gpt-4o", "gpt-5")
        .containsEntry("sonnet", "claude-4-sonnet");
    assertThat(s.translation().systemPromptPrefix()).isEmpty();
    assertThat(s.translation().mcpServersForm()).isTrue();
    assertThat(s.store().redisUrl()).isEqualTo("redis://127.0.0.1:6379");
  }
}
