package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailureHandlingTest extends PoolTestSupport {

  @Test
  void marksAuthFailedAfterTheConfiguredRejectionsAndSkipsIt() {
    PoolPolicy policy = new PoolPolicy(
        Duration.ofSeconds(1),
        Duration.ofHours(1),
        Duration.ofHours(1),
        2,
        0,
        Duration.ofMinutes(5));
    CredentialPool p = pool(policy, "personal-1", "shared-1");

    lease(p).authRejected();
    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.AVAILABLE);
    assertThat(view(p, "personal-1").failures()).isEqualTo(1);
    lease(p).authRejected();

    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.AUTH_FAILED);
    clock.advance(Duration.ofDays(1));
    for (int i = 0; i < 3; i++) {
      assertThat(leaseName(p)).isEqualTo("shared-1");
    }
  }

  @Test
  void aSuccessResetsTheRejectionCount() {
    CredentialPool p = pool("personal-1");
    lease(p).authRejected();
    lease(p).authRejected();
    lease(p).succeeded();
    lease(p).authRejected();

    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.AVAILABLE);
    assertThat(view(p, "personal-1").failures()).isEqualTo(1);
  }

  @Test
  void transientFailuresNeverDisableAGoodToken() {
    CredentialPool p = pool("personal-1");
    for (int i = 0; i < 30; i++) {
      clock.advance(Duration.ofMinutes(1));
      lease(p).transientFailure();
    }

    clock.advance(Duration.ofMinutes(1));
    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.AVAILABLE);
    assertThat(leaseName(p)).isEqualTo("personal-1");
  }

  @Test
  void restsBrieflyAfterRepeatedTransientFailuresInARow() {
    CredentialPool p = pool("personal-1");
    lease(p).transientFailure();
    lease(p).transientFailure();
    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.AVAILABLE);
    lease(p).transientFailure();

    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.COOLING);
    assertThat(view(p, "personal-1").cooldownUntil()).isEqualTo(clock.instant().plusSeconds(1));
  }

  @Test
  void reportsAuthWhenEveryCredentialIsOutOfServiceUntilRecovered() {
    CredentialPool p = pool("personal-1", "shared-1");
    for (int i = 0; i < 3; i++) {
      lease(p).authRejected();
    }
    p.disable("shared-1");

    assertThat(unavailable(p)).isEqualTo(new Acquisition.Unavailable(Acquisition.Cause.AUTH, null));
    assertThat(p.readiness().cause()).isEqualTo(Acquisition.Cause.AUTH);

    p.recover();
    assertThat(p.snapshot()).allSatisfy(v -> {
      assertThat(v.state()).isEqualTo(CredentialState.AVAILABLE);
      assertThat(v.failures()).isZero();
    });
    assertThat(p.readiness().available()).isEqualTo(2);
  }

  @Test
  void ignoresASecondCompletionOfTheSameLease() {
    CredentialPool p = pool("personal-1", "personal-2");
    Lease l = lease(p);
    l.succeeded();
    l.quotaExhausted(null);
    l.overloaded(Duration.ofMinutes(5));

    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.AVAILABLE);
    assertThat(view(p, "personal-1").inFlight()).isZero();
  }

  @Test
  void releaseRecordsNoOutcomeAndFreesAProbeSlot() {
    CredentialPool p = pool("personal-1");
    lease(p).quotaExhausted(clock.instant().plusSeconds(10));
    clock.advance(Duration.ofSeconds(10));
    Lease probe = lease(p);
    probe.released();

    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.EXHAUSTED);
    Lease again = lease(p);
    assertThat(again.isProbe()).isTrue();
    again.succeeded();
  }
}
