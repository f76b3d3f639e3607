package dev.warp2api.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.config.CredentialSpec.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialNamingTest {
  @TempDir
  Path dir;

  private SettingsLoader.LoadResult load(Map<String, String> env) {
    return SettingsLoader.load(env, dir);
  }

  private static List<String> names(SettingsLoader.LoadResult r) {
    return r.settings().pool().credentials().stream().map(CredentialSpec::name).toList();
  }

  @Test
  void namesFollowTierAndOrdinal() {
    var r = load(Map.of(
        "WARP_REFRESH_TOKEN",
        "p1",
        "WARP_PERSONAL_TOKENS",
        "p2,p3",
        "WARP_SHARED_TOKENS",
        "s1",
        "WARP_ANONYMOUS_TOKEN",
        "a1,a2",
        "WARP_JWT",
        "eyJ.jwt"));
    assertThat(names(r))
        .containsExactly(
            "personal-1",
            "personal-2",
            "personal-3",
            "shared-1",
            "anonymous-1",
            "anonymous-2",
            "jwt-1");
    CredentialSpec jwt = r.settings().pool().credentials().get(6);
    assertThat(jwt.tier()).isEqualTo(Tier.PERSONAL);
    assertThat(jwt.kind()).isEqualTo(Kind.ACCESS_TOKEN);
    assertThat(jwt.secret()).isEqualTo("eyJ.jwt");
    assertThat(r.settings().pool().credentials().get(3).tier()).isEqualTo(Tier.SHARED);
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void personalTokensStartAtOneWithoutRefreshToken() {
    assertThat(names(load(Map.of("WARP_PERSONAL_TOKENS", "p2,p3"))))
        .containsExactly("personal-1", "personal-2");
  }

  @Test
  void trailingAndEmptyItemsAreSkippedWithWarning() {
    var r = load(Map.of("WARP_SHARED_TOKENS", "s1,,s2,", "API_TOKEN", "k1,"));
    assertThat(names(r)).containsExactly("shared-1", "shared-2");
    assertThat(r.settings().access().apiKeys()).containsExactly("k1");
    assertThat(r.warnings())
        .containsExactly(
            "WARP_SHARED_TOKENS: item 2 of 4 is empty; skipped",
            "WARP_SHARED_TOKENS: item 4 of 4 is empty; skipped",
            "API_TOKEN: item 2 of 2 is empty; skipped");
  }

  @Test
  void blanksAndQuotesAroundItemsAreTrimmed() throws Exception {
    Files.writeString(dir.resolve(".env"), "WARP_PERSONAL_TOKENS= 'p1' , \"p2\" \n");
    var r = load(Map.of("WARP_REFRESH_TOKEN", "\"p0\""));
    assertThat(r.settings().pool().credentials())
        .extracting(CredentialSpec::secret)
        .containsExactly("p0", "p1", "p2");
  }

  @Test
  void placeholdersCountAsUnset() {
    var r = load(Map.of(
        "WARP_REFRESH_TOKEN",
        "your_warp_refresh_token_here",
        "API_TOKEN",
        "your_api_token_here",
        "WARP_SHARED_TOKENS",
        "s1,your_shared_token_here"));
    assertThat(names(r)).containsExactly("shared-1");
    assertThat(r.settings().access().apiKeys()).isEmpty();
    assertThat(r.warnings())
        .containsExactly("WARP_SHARED_TOKENS: item 2 is the example placeholder; skipped");
  }

  @Test
  void duplicateTokenIsKeptOnceUnderFirstName() {
    var r =
        load(Map.of("WARP_REFRESH_TOKEN", "same-token", "WARP_SHARED_TOKENS", "other,same-token"));
    assertThat(names(r)).containsExactly("personal-1", "shared-1");
    assertThat(r.warnings())
        .containsExactly(
            "WARP_SHARED_TOKENS: shared-2 is the same token as personal-1; kept once, as personal-1");
    assertThat(String.join("\n", r.warnings())).doesNotContain("same-token");
  }

  @Test
  void adminKeyAndClientKeysAreRead() {
    var s = load(Map.of("API_TOKEN", "k1, k2", "W2A_ADMIN_TOKEN", "'adm'")).settings();
    assertThat(s.access().apiKeys()).containsExactly("k1", "k2");
    assertThat(s.access().adminKey()).isEqualTo("adm");
  }
}
