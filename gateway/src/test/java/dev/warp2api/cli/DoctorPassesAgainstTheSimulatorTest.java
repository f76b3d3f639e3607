package dev.warp2api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.pool.Fingerprint;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class DoctorPassesAgainstTheSimulatorTest {
  @AutoClose
  final DoctorFixture f = new DoctorFixture();

  @Test
  void everyStepPassesAndOneChatTurnIsReportedByEventType() {
    CliRun run = f.doctor("--chat");

    assertThat(run.exitCode()).as(run.out()).isZero();
    String fingerprint = Fingerprint.of(DoctorFixture.REFRESH);
    assertThat(DoctorFixture.line(run, "configuration"))
        .startsWith("[ok  ]")
        .contains(
            "personal-1 (" + fingerprint + ")", "tiers personal,shared,anonymous", f.sim.baseUrl());
    assertThat(DoctorFixture.line(run, "dns 127.0.0.1")).startsWith("[ok  ]");
    assertThat(DoctorFixture.line(run, "tcp 127.0.0.1")).startsWith("[ok  ]");
    assertThat(DoctorFixture.line(run, "refresh personal-1"))
        .startsWith("[ok  ]")
        .contains("valid for");
    assertThat(DoctorFixture.line(run, "quota personal-1"))
        .startsWith("[ok  ]")
        .contains("of 100 credits used");
    assertThat(DoctorFixture.line(run, "models")).startsWith("[ok  ]").contains("enabled");
    assertThat(DoctorFixture.line(run, "chat personal (personal-1)"))
        .startsWith("[ok  ]")
        .contains(
            "finished done",
            "init 1",
            "client_actions.append_to_message_content",
            "finished.done 1");
    assertThat(DoctorFixture.line(run, "client identity"))
        .startsWith("[ok  ]")
        .contains("x-warp-client-version");
    assertThat(DoctorFixture.line(run, "drift (this run)")).startsWith("[ok  ]");
    assertThat(DoctorFixture.line(run, "drift (gateway")).startsWith("[skip]");
    assertThat(run.out()).contains("a chat can work").doesNotContain(DoctorFixture.REFRESH);
    assertThat(run.err()).doesNotContain(DoctorFixture.REFRESH);
    for (String token : f.sim.issuedAccessTokens()) {
      assertThat(run.out()).doesNotContain(token);
    }
  }

  @Test
  void withoutChatNoTurnIsSentAndTheJsonSaysAChatCanWork() throws Exception {
    CliRun run = f.doctor("--json");

    assertThat(run.exitCode()).isZero();
    assertThat(f.sim.requestCount()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.path("chat_can_work").asBoolean()).isTrue();
    assertThat(json.path("steps")).anySatisfy(s -> {
      assertThat(s.path("step").asText()).isEqualTo("chat");
      assertThat(s.path("outcome").asText()).isEqualTo("skipped");
    });
  }

  @Test
  void noCredentialIsAFailureThatSaysWhichSettingToSet() {
    f.env.remove("WARP_REFRESH_TOKEN");
    CliRun run = f.doctor();
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(DoctorFixture.line(run, "configuration"))
        .startsWith("[FAIL]")
        .contains("WARP_REFRESH_TOKEN");
  }
}
