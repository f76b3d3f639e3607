package dev.warp2api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsValidationTest {
  @TempDir
  Path dir;

  private List<String> problems(Map<String, String> env) {
    return ConfigProblems.of(env, dir);
  }

  @Test
  void reportsEveryProblemAtOnceNamingVariableAndValue() {
    List<String> problems = problems(Map.ofEntries(
        Map.entry("W2A_PORT", "70000"),
        Map.entry("W2A_BRIDGE_PORT", "abc"),
        Map.entry("WARP_API_URL", "ftp://x/y"),
        Map.entry("WARP_GRAPHQL_URL", "not a url"),
        Map.entry("W2A_QUOTA_COOLDOWN", "5 minutes"),
        Map.entry("W2A_MAX_BODY_BYTES", "20MB"),
        Map.entry("WARP_POOL_ORDER", "personal,team"),
        Map.entry("W2A_VERBOSE", "maybe"),
        Map.entry("W2A_LOG_FORMAT", "xml"),
        Map.entry("W2A_MODEL_ALIASES", "gpt-4o=gpt-5,broken,=x"),
        Map.entry("W2A_AUTH_FAILURES", "0"),
        Map.entry("W2A_MAX_CONCURRENCY_PER_CREDENTIAL", "-1")));
    assertThat(problems)
        .containsExactlyInAnyOrder(
            "W2A_PORT: '70000' is not a port (1-65535)",
            "W2A_BRIDGE_PORT: 'abc' is not a port (1-65535)",
            "WARP_API_URL: 'ftp://x/y' is not a http/https URL with a host",
            "WARP_GRAPHQL_URL: 'not a url' is not a http/https URL with a host",
            "W2A_QUOTA_COOLDOWN: '5 minutes' is not a duration (write 500ms, 30s, 5m, 1h or 2d)",
            "W2A_MAX_BODY_BYTES: '20MB' is not a size above zero (write 512KiB, 20MiB or a number of bytes)",
            "WARP_POOL_ORDER: 'personal,team' is not a list of distinct tiers from personal,shared,anonymous",
            "W2A_VERBOSE: 'maybe' is not a boolean (true/false, 1/0, yes/no)",
            "W2A_LOG_FORMAT: 'xml' is not text or json",
            "W2A_MODEL_ALIASES: 'broken' is not client-name=warp-id",
            "W2A_MODEL_ALIASES: '=x' is not client-name=warp-id",
            "W2A_AUTH_FAILURES: '0' is not a whole number >= 1",
            "W2A_MAX_CONCURRENCY_PER_CREDENTIAL: '-1' is not a whole number >= 0");
  }

  @Test
  void conversationAffinityBoundsAreValidated() {
    assertThat(problems(Map.of("W2A_AFFINITY_MAX", "-5", "W2A_AFFINITY_IDLE", "0")))
        .containsExactlyInAnyOrder(
            "W2A_AFFINITY_MAX: '-5' is not a whole number >= 0",
            "W2A_AFFINITY_IDLE: '0' would forget every conversation at once (above zero, e.g. 1h;"
                + " W2A_AFFINITY_MAX=0 turns affinity off)");
  }

  @Test
  void fallbackPortIsNamedWhenItIsTheBadOne() {
    assertThat(problems(Map.of("PORT", "0"))).containsExactly("PORT: '0' is not a port (1-65535)");
  }

  @Test
  void poolOrderRejectsRepeatedTier() {
    assertThat(problems(Map.of("WARP_POOL_ORDER", "shared,shared"))).hasSize(1);
  }

  @Test
  void poolOrderSubsetWarnsAboutUnusedCredentials() {
    var result = SettingsLoader.load(
        Map.of("WARP_POOL_ORDER", "personal", "WARP_SHARED_TOKENS", "s1,s2"), dir);
    assertThat(result.settings().pool().order()).containsExactly(Tier.PERSONAL);
    assertThat(result.warnings())
        .containsExactly("WARP_POOL_ORDER leaves out shared: its 2 credential(s) will not be used");
  }

  @Test
  void cooldownFloorAboveCapIsRejected() {
    assertThat(problems(Map.of("W2A_COOLDOWN_MIN", "2h", "W2A_COOLDOWN_MAX", "1h")))
        .containsExactly("W2A_COOLDOWN_MIN: PT2H is longer than W2A_COOLDOWN_MAX PT1H");
  }

  @Test
  void upstreamTimeoutsAreReadAndZeroIsRejected() throws Exception {
    Settings s = SettingsLoader.load(
            Map.of(
                "W2A_UPSTREAM_HEAD_TIMEOUT", "5s",
                "W2A_UPSTREAM_BUDGET", "2m",
                "W2A_REFRESH_TIMEOUT", "1500ms"),
            dir)
        .settings();
    assertThat(s.upstream().headTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.upstream().budget()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.upstream().refreshTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(problems(Map.of(
            "W2A_UPSTREAM_HEAD_TIMEOUT", "0",
            "W2A_UPSTREAM_BUDGET", "0s",
            "W2A_REFRESH_TIMEOUT", "soon")))
        .containsExactlyInAnyOrder(
            "W2A_UPSTREAM_HEAD_TIMEOUT: '0' would fail every upstream call at once (above zero, e.g. 30s)",
            "W2A_UPSTREAM_BUDGET: '0' would fail every upstream call at once (above zero, e.g. 90s)",
            "W2A_REFRESH_TIMEOUT: 'soon' is not a duration (write 500ms, 30s, 5m, 1h or 2d)");
  }

  @Test
  void theShutdownGraceIsADurationOfAnHourAtMostAndThirtySecondsByDefault() throws Exception {
    assertThat(SettingsLoader.load(Map.of(), dir).settings().listen().shutdownGrace())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(SettingsLoader.load(Map.of("W2A_SHUTDOWN_GRACE", "5s"), dir)
            .settings()
            .listen()
            .shutdownGrace())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(SettingsLoader.load(Map.of("W2A_SHUTDOWN_GRACE", "0"), dir)
            .settings()
            .listen()
            .shutdownGrace())
        .isZero();
    assertThat(problems(Map.of("W2A_SHUTDOWN_GRACE", "soon")))
        .containsExactly(
            "W2A_SHUTDOWN_GRACE: 'soon' is not a duration (write 500ms, 30s, 5m, 1h or 2d)");
    assertThat(problems(Map.of("W2A_SHUTDOWN_GRACE", "2h")))
        .containsExactly("W2A_SHUTDOWN_GRACE: '2h' is over an hour; a stop would hang that long"
            + " (e.g. 30s; 0 ends requests at once)");
  }

  @Test
  void bridgePortMustDifferFromPort() {
    assertThat(problems(Map.of("W2A_PORT", "9000", "W2A_BRIDGE_PORT", "9000"))).hasSize(1);
  }

  @Test
  void duplicateAliasIsRejected() {
    assertThat(problems(Map.of("W2A_MODEL_ALIASES", "A=x,a=y")))
        .containsExactly("W2A_MODEL_ALIASES: 'a' is given more than once");
  }

  @Test
  void urlCredentialsAreMaskedInProblems() {
    assertThat(problems(Map.of("W2A_REDIS_URL", "http://user:hunter2@host")))
        .containsExactly("W2A_REDIS_URL: 'http://██@host' is not a redis/rediss URL with a host");
    assertThat(problems(Map.of("HTTPS_PROXY", "ftp://u:pw@proxy")))
        .containsExactly("HTTPS_PROXY: 'ftp://██@proxy' is not a proxy URL (http://host:port)");
  }

  @Test
  void malformedDotEnvLineIsAWarningAndSkipped() throws Exception {
    Files.writeString(dir.resolve(".env"), "WARP_REFRESH_TOKEN\n");
    SettingsLoader.LoadResult loaded = SettingsLoader.load(Map.of(), dir);
    assertThat(loaded.warnings()).containsExactly(".env line 1: expected KEY=value; line skipped");
    assertThat(loaded.settings().pool().credentials()).isEmpty();
  }

  @Test
  void durationsLongerThanAYearAreConfigurationErrors() {
    assertThat(problems(Map.of(
            "W2A_KEEPALIVE",
            "999999999999d",
            "W2A_QUOTA_POLL_INTERVAL",
            "366d",
            "W2A_MAX_WAIT",
            "8761h")))
        .containsExactlyInAnyOrder(
            "W2A_KEEPALIVE: '999999999999d' is longer than 365d, the longest duration a setting takes",
            "W2A_QUOTA_POLL_INTERVAL: '366d' is longer than 365d, the longest duration a setting takes",
            "W2A_MAX_WAIT: '8761h' is longer than 365d, the longest duration a setting takes");
    assertThat(SettingsLoader.load(Map.of("W2A_QUOTA_POLL_INTERVAL", "365d"), dir)
            .settings()
            .pool()
            .cooldowns()
            .quotaPollInterval())
        .isEqualTo(Duration.ofDays(365));
  }

  @Test
  void aRedisUrlWithAPasswordIsAcceptedAndNothingOfItIsPrinted() {
    SettingsLoader.LoadResult loaded = SettingsLoader.load(
        Map.of(
            "W2A_REDIS_URL",
            "redis://admin:hunter2@cache.internal:6379",
            "W2A_SECRET_KEY",
            Base64.getEncoder().encodeToString(new byte[32])),
        dir);
    assertThat(loaded.warnings()).isEmpty();
    assertThat(loaded.settings().store().toString())
        .doesNotContain("hunter2")
        .doesNotContain("admin")
        .doesNotContain("cache.internal");
  }
}
