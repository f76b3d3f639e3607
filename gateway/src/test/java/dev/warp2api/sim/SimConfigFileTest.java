package dev.warp2api.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimConfigFileTest {
  @TempDir
  Path dir;

  private Path write(String json) throws Exception {
    return Files.writeString(dir.resolve("sim.json"), json);
  }

  @Test
  void readsEveryKey() throws Exception {
    SimConfig c = SimConfig.load(write("""
        { "accounts": [
            { "refresh_token": "rt-1", "label": "personal-1", "request_limit": 150, "used": 20,
              "next_refresh_time": "2026-02-21T14:06:36.156167Z" },
            { "refresh_token": "rt-2", "reset_after": "PT24H", "revoked": true } ],
          "token_lifetime": 600, "legacy": true, "credits_per_request": 2,
          "models": [ { "id": "m1", "display_name": "Model One", "vision_supported": true, "context_window": 1000 } ],
          "reply_deltas": 7, "reply_gap": 0.05 }
        """));
    assertThat(c.accounts()).hasSize(2);
    SimAccountSpec a = c.accounts().get(0);
    assertThat(a.label()).isEqualTo("personal-1");
    assertThat(a.requestLimit()).isEqualTo(150);
    assertThat(a.used()).isEqualTo(20);
    assertThat(a.nextRefreshTime()).isEqualTo(Instant.parse("2026-02-21T14:06:36.156167Z"));
    SimAccountSpec b = c.accounts().get(1);
    assertThat(b.label()).isEqualTo("acct-" + SimAccountSpec.fingerprint("rt-2"));
    assertThat(b.resetAfter()).isEqualTo(Duration.ofHours(24));
    assertThat(b.revoked()).isTrue();
    assertThat(c.tokenLifetime()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.legacy()).isTrue();
    assertThat(c.creditsPerRequest()).isEqualTo(2);
    assertThat(c.models()).containsExactly(new SimModel("m1", "Model One", "WARP", true, 1000));
    assertThat(c.replyDeltas()).isEqualTo(7);
    assertThat(c.replyGap()).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void emptyObjectMeansOpenModeDefaults() throws Exception {
    SimConfig c = SimConfig.load(write("{}"));
    assertThat(c.openMode()).isTrue();
    assertThat(c.tokenLifetime()).isEqualTo(Duration.ofHours(1));
    assertThat(c.models()).isEqualTo(SimModel.defaults());
  }

  @Test
  void rejectsUnknownKeysNamingThem() throws Exception {
    Path p = write("{ \"accounts\": [ { \"refresh_token\": \"x\", \"limit\": 3 } ] }");
    assertThatThrownBy(() -> SimConfig.load(p))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
          assertThat(e.param()).isEqualTo("accounts[0].limit");
        });
  }

  @Test
  void rejectsBadValuesNamingTheField() throws Exception {
    assertThatThrownBy(() -> SimConfig.load(write("{ \"accounts\": [ { \"label\": \"x\" } ] }")))
        .hasMessageContaining("accounts[0].refresh_token");
    assertThatThrownBy(() -> SimConfig.load(write("{ \"token_lifetime\": \"soon\" }")))
        .hasMessageContaining("token_lifetime");
    assertThatThrownBy(
            () -> SimConfig.load(write("{ \"accounts\": [ { \"refresh_token\": \"secret-xyz\","
                + " \"request_limit\": -1 } ] }")))
        .hasMessageContaining("request_limit")
        .hasMessageNotContaining("secret-xyz");
    assertThatThrownBy(() -> SimConfig.load(write("[1,2]"))).isInstanceOf(GatewayException.class);
    assertThatThrownBy(() -> SimConfig.load(dir.resolve("missing.json")))
        .isInstanceOf(GatewayException.class);
  }
}
