package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Refreshes made outside a lease (quota reads, pool check, recover's re-check) feed the pool like
 * lease outcomes.
 */
class MaintenanceRefreshOutcomesTest extends PoolTestSupport {

  private static CredentialId id(CredentialPool p, String name) {
    CredentialView v = view(p, name);
    return new CredentialId(v.name(), v.fingerprint());
  }

  @Test
  void refreshRejectionsOutsideALeaseCountTowardAuthFailures() {
    CredentialPool p = pool("personal-1", "personal-2");
    CredentialId p1 = id(p, "personal-1");

    p.refreshRejected(p1);
    p.refreshRejected(p1);
    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.AVAILABLE);
    assertThat(view(p, "personal-1").failures()).isEqualTo(2);
    p.refreshRejected(p1);

    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.AUTH_FAILED);
    assertThat(p.readiness().available()).isEqualTo(1);
    assertThat(leaseName(p)).isEqualTo("personal-2");
  }

  @Test
  void aSuccessfulRefreshEndsTheRunOfRejections() {
    CredentialPool p = pool("personal-1");
    CredentialId p1 = id(p, "personal-1");
    p.refreshRejected(p1);
    p.refreshRejected(p1);

    p.refreshSucceeded(p1);
    p.refreshRejected(p1);

    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.AVAILABLE);
    assertThat(view(p, "personal-1").failures()).isEqualTo(1);
  }

  @Test
  void aRecoveredCredentialWhoseRecheckIsRejectedIsAuthFailedAgain() {
    CredentialPool p = pool("personal-1", "personal-2", "shared-1");
    CredentialId p1 = id(p, "personal-1");
    for (int i = 0; i < 3; i++) {
      p.refreshRejected(p1);
    }
    p.disable("personal-2");
    Lease l = granted(p.acquire(Set.of()));
    l.overloaded(null); // shared-1 cooling: not on trial

    p.recover();
    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.AVAILABLE);
    p.refreshRejected(p1);
    p.refreshRejected(id(p, "personal-2"));
    p.refreshRejected(id(p, "shared-1"));

    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.AUTH_FAILED);
    assertThat(view(p, "personal-2").state()).isEqualTo(CredentialState.AUTH_FAILED);
    assertThat(view(p, "shared-1").state())
        .as("was only cooling: one rejection of three")
        .isEqualTo(CredentialState.AVAILABLE);
  }

  @Test
  void aRecoveredCredentialWhoseRecheckSucceedsStaysAvailable() {
    CredentialPool p = pool("personal-1");
    CredentialId p1 = id(p, "personal-1");
    for (int i = 0; i < 3; i++) {
      p.refreshRejected(p1);
    }
    p.recover();
    p.refreshSucceeded(p1);
    p.refreshRejected(p1); // a later, single rejection counts one of three again

    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.AVAILABLE);
  }
}
