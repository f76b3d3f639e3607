package dev.warp2api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeySettingsTest {
  static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @TempDir
  Path dir;

  private List<String> problems(Map<String, String> env) {
    return ConfigProblems.of(env, dir);
  }

  @Test
  void redisWithoutASecretKeyIsAConfigurationErrorNamingIt() {
    assertThat(problems(Map.of("W2A_REDIS_URL", "redis://127.0.0.1:6379")))
        .singleElement()
        .asString()
        .startsWith("W2A_SECRET_KEY: required with W2A_REDIS_URL");
  }

  @Test
  void aMalformedKeyIsNamedAndNeverEchoed() {
    String shortKey = Base64.getEncoder().encodeToString("sixteen-byte-key".getBytes());
    assertThat(problems(
            Map.of("W2A_SECRET_KEY", shortKey, "W2A_SECRET_KEY_PREVIOUS", "not base64 at all!")))
        .containsExactlyInAnyOrder(
            "W2A_SECRET_KEY: decodes to 16 bytes, not 32; write 32 random bytes in base64 (openssl rand -base64 32)",
            "W2A_SECRET_KEY_PREVIOUS: not base64; write 32 random bytes in base64 (openssl rand -base64 32)")
        .noneMatch(p -> p.contains(shortKey));
  }

  @Test
  void redisUrlPrefixAndKeysAreRead() {
    StoreSettings store = SettingsLoader.load(
            Map.of(
                "W2A_REDIS_URL",
                "redis://u:p@127.0.0.1:6380/2",
                "W2A_REDIS_PREFIX",
                "team-a:",
                "W2A_SECRET_KEY",
                KEY,
                "W2A_SECRET_KEY_PREVIOUS",
                KEY),
            dir)
        .settings()
        .store();
    assertThat(store.redisUrl()).isEqualTo("redis://u:p@127.0.0.1:6380/2");
    assertThat(store.redisPrefix()).isEqualTo("team-a:");
    assertThat(store.secretKey()).hasSize(32);
    assertThat(store.previousSecretKey()).hasSize(32);
    assertThat(store.toString()).doesNotContain("u:p").doesNotContain(KEY);
    assertThat(SettingsLoader.load(Map.of(), dir).settings().store().redisPrefix())
        .isEqualTo("w2a:");
  }
}
