package dev.warp2api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretRedactionTest {
  private static final String REFRESH = "AMf-vSecretRefreshToken123";
  private static final String JWT = "eyJSecretAccessToken456";
  private static final String CLIENT_KEY = "sk-client-key-789";
  private static final String ADMIN_KEY = "admin-key-000";

  @TempDir
  Path dir;

  @Test
  void settingsToStringNeverShowsASecret() {
    var result = SettingsLoader.load(
        Map.of(
            "WARP_REFRESH_TOKEN",
            REFRESH,
            "WARP_SHARED_TOKENS",
            REFRESH + "," + REFRESH,
            "WARP_JWT",
            JWT,
            "API_TOKEN",
            CLIENT_KEY,
            "W2A_ADMIN_TOKEN",
            ADMIN_KEY),
        dir);
    String printed = result.settings().toString()
        + result.settings().pool().credentials()
        + result.warnings()
        + Environment.of(Map.of("WARP_JWT", JWT));
    for (String secret : new String[] {REFRESH, JWT, CLIENT_KEY, ADMIN_KEY}) {
      assertThat(printed).doesNotContain(secret).doesNotContain(secret.substring(0, 6));
    }
  }

  @Test
  void skippedDotEnvLinesNeverShowASecret() throws Exception {
    Files.writeString(dir.resolve(".env"), "WARP_JWT='" + JWT + "\nAPI_TOKEN " + CLIENT_KEY + "\n");
    var result = SettingsLoader.load(Map.of("WARP_REFRESH_TOKEN", REFRESH), dir);
    assertThat(result.warnings()).hasSize(2);
    assertThat(String.join("\n", result.warnings()))
        .doesNotContain(JWT)
        .doesNotContain(CLIENT_KEY)
        .doesNotContain(REFRESH)
        .doesNotContain("eyJ")
        .doesNotContain("sk-");
  }
}
