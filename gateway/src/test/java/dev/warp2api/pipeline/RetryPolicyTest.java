package dev.warp2api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.pipeline.RetryDecision.Action;
import dev.warp2api.warp.client.UpstreamFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(4, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 0.5));

  @Test
  void quotaExhaustionFailsOverAtOnce() {
    RetryDecision d = policy.decide(new UpstreamFailure.QuotaExhausted("out of credits"), 1, false);
    assertThat(d.action()).isEqualTo(Action.FAILOVER);
    assertThat(d.delay()).isZero();
  }

  @Test
  void firstAuthRejectionRetriesTheSameCredentialThenFailsOver() {
    assertThat(policy.decide(new UpstreamFailure.AuthRejected(401), 1, false).action()).isEqualTo(Action.RETRY_SAME);
    RetryDecision second = policy.decide(new UpstreamFailure.AuthRejected(401), 2, true);
    assertThat(second.action()).isEqualTo(Action.FAILOVER);
    assertThat(second.delay()).isZero();
  }

  @Test
  void badRequestGivesUpWithoutFailover() {
    assertThat(policy.decide(new UpstreamFailure.BadRequest("HTTP 400"), 1, false).action()).isEqualTo(Action.GIVE_UP);
  }

  @Test
  void anUnreadableEventGivesUpWithoutFailover() {
    assertThat(policy.decide(new UpstreamFailure.Unreadable("Warp sent an event the gateway could not read"), 1, false)
        .action()).isEqualTo(Action.GIVE_UP);
  }

  @Test
  void transientFailuresAndOverloadFailOverAfterABackoffThatGrows() {
    RetryDecision first = policy.decide(new UpstreamFailure.Transient("HTTP 500", false), 1, false);
    RetryDecision second = policy.decide(new UpstreamFailure.Overloaded(null), 2, false);
    assertThat(first.action()).isEqualTo(Action.FAILOVER);
    assertThat(second.action()).isEqualTo(Action.FAILOVER);
    assertThat(first.delay()).isEqualTo(Duration.ofMillis(75));
    assertThat(second.delay()).isEqualTo(Duration.ofMillis(150));
  }

  @Test
  void everyPathIsBoundedByTheAttemptLimit() {
    assertThat(policy.decide(new UpstreamFailure.Transient("HTTP 500", false), 4, false).action()).isEqualTo(Action.GIVE_UP);
    assertThat(policy.decide(new UpstreamFailure.QuotaExhausted(null), 4, false).action()).isEqualTo(Action.GIVE_UP);
    assertThat(policy.decide(new UpstreamFailure.DroppedMidStream("cut"), 5, false).action()).isEqualTo(Action.GIVE_UP);
  }

  @Test
  void standardPolicyTriesEveryCredentialPlusTwoWithinBounds() {
    assertThat(RetryPolicy.standard(1).maxAttempts()).isEqualTo(3);
    assertThat(RetryPolicy.standard(4).maxAttempts()).isEqualTo(6);
    assertThat(RetryPolicy.standard(50).maxAttempts()).isEqualTo(10);
  }
}
