package dev.warp2api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimDrift;
import dev.warp2api.sim.SimFault;
import dev.warp2api.testing.TestStack;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The simulator misbehaves in one way per test; doctor names that one precisely, and what to do.
 */
class DoctorNamesEachMisbehaviourTest {
  @AutoClose
  final DoctorFixture f = new DoctorFixture();

  @Test
  void aRejectedRefreshTokenIsNamedWithWhatToDo() {
    f.sim.revoke(DoctorFixture.ACCOUNT);
    CliRun run = f.doctor("--chat");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(DoctorFixture.line(run, "refresh personal-1"))
        .startsWith("[FAIL]")
        .contains("Warp refused the refresh token (HTTP 400)", "new refresh token");
    assertThat(DoctorFixture.line(run, "chat personal")).startsWith("[skip]");
    assertThat(run.out()).contains("a chat cannot work");
  }

  @Test
  void a403AtTheAiEndpointIsNamedAsSuch() {
    f.sim.enqueue(SimFault.FORBIDDEN_403);
    CliRun run = f.doctor("--chat");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(DoctorFixture.line(run, "chat personal"))
        .startsWith("[FAIL]")
        .contains(
            "AI endpoint refused the access token (HTTP 403) although the token exchange issued it");
    assertThat(DoctorFixture.line(run, "refresh personal-1")).startsWith("[ok  ]");
  }

  @Test
  void anHtmlErrorPageIsNamedByItsTitleNotDumped() {
    f.sim.enqueue(SimFault.HTML_ERROR_PAGE);
    CliRun run = f.doctor("--chat");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(DoctorFixture.line(run, "chat personal"))
        .startsWith("[FAIL]")
        .contains("HTTP 502", "an HTML page titled \"502 Bad Gateway\"", "proxy")
        .doesNotContain("<html", "<body");
  }

  @Test
  void anUnknownEventTypeIsNamedAndTheChatStillWorks() {
    f.sim.changeProtocol(SimDrift.UNKNOWN_EVENT);
    CliRun run = f.doctor("--chat");

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(DoctorFixture.line(run, "chat personal"))
        .startsWith("[warn]")
        .contains("unknown event (field " + SimDrift.EVENT_FIELD + ") 1", "finished done");
    assertThat(DoctorFixture.line(run, "drift (this run)"))
        .startsWith("[warn]")
        .contains("event ResponseEvent field " + SimDrift.EVENT_FIELD, "first seen", "last seen");
  }

  @Test
  void aNewFinishReasonIsNamedAndTheChatStillWorks() {
    f.sim.changeProtocol(SimDrift.NEW_FINISH_REASON);
    CliRun run = f.doctor("--chat");

    assertThat(run.exitCode()).isZero();
    assertThat(DoctorFixture.line(run, "chat personal"))
        .startsWith("[warn]")
        .contains("finished.unknown reason (field " + SimDrift.FINISH_REASON_FIELD + ")");
    assertThat(DoctorFixture.line(run, "drift (this run)"))
        .contains("finish_reason StreamFinished.reason field " + SimDrift.FINISH_REASON_FIELD);
  }

  @Test
  void anErrorCodeThisVersionDoesNotKnowIsNamed() {
    f.sim.enqueue(SimFault.NEW_ERROR_CODE);
    CliRun run = f.doctor("--chat");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(DoctorFixture.line(run, "chat personal"))
        .startsWith("[FAIL]")
        .contains("429 with X-Warp-Error-Code " + SimFault.NEW_ERROR_CODE_VALUE, "does not know");
    assertThat(DoctorFixture.line(run, "drift (this run)")).contains(SimFault.NEW_ERROR_CODE_VALUE);
  }

  @Test
  void anAnswerRefusingTheClientVersionPointsAtWarpClientVersion() {
    f.sim.enqueue(SimFault.CLIENT_OUTDATED);
    CliRun run = f.doctor("--chat");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(DoctorFixture.line(run, "chat personal"))
        .startsWith("[FAIL]")
        .contains("client version is refused or outdated", "WARP_CLIENT_VERSION");
    assertThat(DoctorFixture.line(run, "client identity"))
        .startsWith("[FAIL]")
        .contains("v0.", "WARP_CLIENT_VERSION", "docs/OPERATIONS.md");
  }

  @Test
  void anUnreachableUpstreamIsNamedAtTheTcpStep() {
    f.env.put("WARP_API_URL", "http://127.0.0.1:" + TestStack.freePort() + "/ai/multi-agent");
    CliRun run = f.doctor();

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("[FAIL] tcp 127.0.0.1:", "cannot connect");
  }
}
