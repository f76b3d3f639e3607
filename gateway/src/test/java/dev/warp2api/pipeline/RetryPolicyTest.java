package dev.warp2api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.Ending;
import dev.warp2api.pool.Acquisition;
import dev.warp2api.sim.MutableClock;
import dev.warp2api.warp.client.UpstreamFailure;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every "try again or not" rule, one per test; time moves on a fake clock, nothing sleeps. */
class RetryPolicyTest {
  private static final UpstreamFailure QUOTA = new UpstreamFailure.QuotaExhausted("out of credits");
  private static final UpstreamFailure HTTP_500 =
      new UpstreamFailure.Transient("upstream answered HTTP 500", false);
  private static final UpstreamFailure AUTH = new UpstreamFailure.AuthRejected(401);

  /**
   * Jitter fixed at the middle: backoff 100 ms doubling to 2 s, busy re-check 20 ms doubling to 200
   * ms.
   */
  private final RetryPolicy policy = new RetryPolicy(
      4,
      new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 0.5),
      new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), () -> 0.5),
      Duration.ofSeconds(30));

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

  private static RetryPolicy.Attempt attempt(int number) {
    return new RetryPolicy.Attempt(number, false, false, false);
  }

  private RetryPolicy.Waiting waiting(
      int attempts, UpstreamFailure last, boolean onlyRejectedLeft, int busyChecks) {
    return new RetryPolicy.Waiting(attempts, last, onlyRejectedLeft, clock.instant(), busyChecks);
  }

  @Test
  void failsOverAtOnceOnQuotaExhausted() {
    assertThat(policy.afterFailure(QUOTA, attempt(1)))
        .isEqualTo(new RetryDecision.Failover(Duration.ZERO, Blame.QUOTA_EXHAUSTED));
  }

  @Test
  void retriesTheSameCredentialOnceWhenWarpRejectsItsToken() {
    assertThat(policy.afterFailure(AUTH, attempt(1))).isInstanceOf(RetryDecision.RetrySame.class);
  }

  @Test
  void failsOverAtOnceWhenTheRetriedCredentialIsRejectedAgain() {
    assertThat(policy.afterFailure(AUTH, new RetryPolicy.Attempt(2, true, false, false)))
        .isEqualTo(new RetryDecision.Failover(Duration.ZERO, Blame.AUTH_REJECTED));
  }

  @Test
  void failsOverAtOnceWhenTheTokenRefreshItselfIsRejected() {
    assertThat(policy.afterFailure(AUTH, new RetryPolicy.Attempt(1, false, true, false)))
        .isEqualTo(new RetryDecision.Failover(Duration.ZERO, Blame.AUTH_REJECTED));
  }

  @Test
  void givesUpOnABadRequestWithoutBlamingTheCredential() {
    UpstreamFailure bad = new UpstreamFailure.BadRequest("HTTP 400");
    assertThat(policy.afterFailure(bad, attempt(1)))
        .isEqualTo(new RetryDecision.GiveUp(Blame.NOT_AT_FAULT, bad, 1));
  }

  @Test
  void givesUpOnAnUnreadableEventWithoutBlamingTheCredential() {
    UpstreamFailure unreadable =
        new UpstreamFailure.Unreadable("Warp sent an event the gateway could not read");
    assertThat(policy.afterFailure(unreadable, attempt(1)))
        .isEqualTo(new RetryDecision.GiveUp(Blame.NOT_AT_FAULT, unreadable, 1));
  }

  @Test
  void failsOverAfterABackoffThatGrowsOnTransientFailures() {
    assertThat(policy.afterFailure(HTTP_500, attempt(1)))
        .isEqualTo(new RetryDecision.Failover(Duration.ofMillis(75), Blame.TRANSIENT));
    assertThat(policy.afterFailure(new UpstreamFailure.DroppedMidStream("cut"), attempt(2)))
        .isEqualTo(new RetryDecision.Failover(Duration.ofMillis(150), Blame.TRANSIENT));
  }

  @Test
  void blamesAnOverloadedCredentialWithWarpsRetryAfter() {
    RetryDecision d =
        policy.afterFailure(new UpstreamFailure.Overloaded(Duration.ofSeconds(30)), attempt(1));
    assertThat(d)
        .isEqualTo(new RetryDecision.Failover(
            Duration.ofMillis(75), new Blame.Overloaded(Duration.ofSeconds(30))));
  }

  @Test
  void givesUpWhenTheAttemptLimitIsReached() {
    assertThat(policy.afterFailure(HTTP_500, attempt(4)))
        .isEqualTo(new RetryDecision.GiveUp(Blame.TRANSIENT, HTTP_500, 4));
    assertThat(policy.afterFailure(QUOTA, attempt(4)))
        .isEqualTo(new RetryDecision.GiveUp(Blame.QUOTA_EXHAUSTED, QUOTA, 4));
  }

  @Test
  void givesUpOnceTheClientHasOutputThatCannotBeTakenBack() {
    assertThat(policy.afterFailure(HTTP_500, new RetryPolicy.Attempt(1, false, false, true)))
        .isEqualTo(new RetryDecision.GiveUp(Blame.TRANSIENT, HTTP_500, 1));
  }

  @Test
  void givesUpOnceTheUpstreamBudgetIsSpentWhateverTheFailure() {
    assertThat(policy.afterFailure(HTTP_500, new RetryPolicy.Attempt(1, false, false, false, true)))
        .isEqualTo(new RetryDecision.GiveUp(Blame.TRANSIENT, HTTP_500, 1));
    var giveUp = (RetryDecision.GiveUp) policy.afterFailure(
        RetryPolicy.BUDGET_SPENT, new RetryPolicy.Attempt(2, false, false, false, true));
    assertThat(giveUp.ending(null, clock.instant())).isEqualTo(new Ending.UpstreamTimeout(2));
  }

  @Test
  void aBudgetSpentWhileWaitingForACredentialIsATimeoutThatBlamesNobody() {
    RetryDecision.GiveUp giveUp = policy.budgetSpentWhileWaiting(2);
    assertThat(giveUp.blame()).isEqualTo(Blame.NOT_AT_FAULT);
    assertThat(giveUp.ending(null, clock.instant())).isEqualTo(new Ending.UpstreamTimeout(2));
  }

  @Test
  void aTurnEndedWithQuotaLimitFailsOverLikeAQuota429() {
    UpstreamFailure f = RetryPolicy.failureOf(new Ending.QuotaExhausted(-1));
    assertThat(policy.afterFailure(f, attempt(1)))
        .isEqualTo(new RetryDecision.Failover(Duration.ZERO, Blame.QUOTA_EXHAUSTED));
  }

  @Test
  void aTurnEndedWithInvalidApiKeyGivesUpLikeA400() {
    UpstreamFailure f = RetryPolicy.failureOf(
        new Ending.UpstreamRejected("Warp ended the turn with reason invalid_api_key"));
    assertThat(policy.afterFailure(f, attempt(1))).isInstanceOf(RetryDecision.GiveUp.class);
  }

  @Test
  void aTurnEndedWithAnInternalErrorIsRetriedLikeA5xx() {
    UpstreamFailure f = RetryPolicy.failureOf(
        new Ending.UpstreamFailed(0, "Warp ended the turn with reason internal_error"));
    assertThat(policy.afterFailure(f, attempt(1))).isInstanceOf(RetryDecision.Failover.class);
  }

  @Test
  void givingUpAfterQuotaSaysWhenTheSoonestCredentialResets() {
    var giveUp = new RetryDecision.GiveUp(Blame.QUOTA_EXHAUSTED, QUOTA, 3);
    assertThat(giveUp.ending(clock.instant().plusSeconds(3600), clock.instant()))
        .isEqualTo(new Ending.QuotaExhausted(3600));
    assertThat(giveUp.ending(null, clock.instant()))
        .as("no time known: in a second")
        .isEqualTo(new Ending.QuotaExhausted(1));
  }

  @Test
  void givingUpAfterATimeoutIsAnUpstreamTimeout() {
    var giveUp = new RetryDecision.GiveUp(
        Blame.TRANSIENT, new UpstreamFailure.Transient("upstream timed out", true), 3);
    assertThat(giveUp.ending(null, clock.instant())).isEqualTo(new Ending.UpstreamTimeout(3));
  }

  @Test
  void givingUpAfterA5xxNamesTheAttemptsAndWhatWarpSaid() {
    var giveUp = new RetryDecision.GiveUp(Blame.TRANSIENT, HTTP_500, 3);
    assertThat(giveUp.ending(null, clock.instant()).message())
        .isEqualTo("Warp failed after 3 attempt(s): upstream answered HTTP 500");
  }

  @Test
  void endsAtOnceWhenNoCredentialIsConfigured() {
    var none = new Acquisition.Unavailable(Acquisition.Cause.NONE_CONFIGURED, null);
    assertThat(policy.whenUnavailable(none, waiting(0, null, true, 0), clock.instant()))
        .isEqualTo(new RetryDecision.Unavailable(new Ending.NoCredentials()));
  }

  @Test
  void waitsForTheSoonestRecoveryWithinMaxWait() {
    RetryPolicy.Waiting since = waiting(0, null, true, 0);
    clock.advance(Duration.ofSeconds(5));
    var cooling =
        new Acquisition.Unavailable(Acquisition.Cause.COOLING, clock.instant().plusSeconds(20));
    assertThat(policy.whenUnavailable(cooling, since, clock.instant()))
        .isEqualTo(new RetryDecision.WaitForCredential(Duration.ofSeconds(20), false));
  }

  @Test
  void endsWithThePoolsReasonWhenRecoveryIsBeyondMaxWait() {
    RetryPolicy.Waiting since = waiting(0, null, true, 0);
    clock.advance(Duration.ofSeconds(20));
    var quota =
        new Acquisition.Unavailable(Acquisition.Cause.QUOTA, clock.instant().plusSeconds(11));
    assertThat(policy.whenUnavailable(quota, since, clock.instant()))
        .isEqualTo(new RetryDecision.Unavailable(new Ending.QuotaExhausted(11)));
  }

  @Test
  void looksAgainShortlyWhileEveryCredentialIsBusy() {
    var busy = new Acquisition.Unavailable(Acquisition.Cause.BUSY, null);
    assertThat(policy.whenUnavailable(busy, waiting(0, null, true, 0), clock.instant()))
        .isEqualTo(new RetryDecision.WaitForCredential(Duration.ofMillis(15), true));
  }

  @Test
  void theBusyRecheckGrowsToAFifthOfASecond() {
    var busy = new Acquisition.Unavailable(Acquisition.Cause.BUSY, null);
    assertThat(policy.whenUnavailable(busy, waiting(0, null, true, 2), clock.instant()))
        .isEqualTo(new RetryDecision.WaitForCredential(Duration.ofMillis(60), true));
    assertThat(policy.whenUnavailable(busy, waiting(0, null, true, 9), clock.instant()))
        .isEqualTo(new RetryDecision.WaitForCredential(Duration.ofMillis(150), true));
  }

  @Test
  void endsRateLimitedOnceBusyOutlastsMaxWait() {
    RetryPolicy.Waiting since = waiting(0, null, true, 7);
    clock.advance(Duration.ofSeconds(30));
    var busy = new Acquisition.Unavailable(Acquisition.Cause.BUSY, null);
    assertThat(policy.whenUnavailable(busy, since, clock.instant()))
        .isEqualTo(new RetryDecision.Unavailable(new Ending.RateLimited(1)));
  }

  @Test
  void triesTheFailedCredentialsAgainAfterABackoffWhileAttemptsRemain() {
    var excluded = new Acquisition.Unavailable(Acquisition.Cause.EXCLUDED, null);
    assertThat(policy.whenUnavailable(excluded, waiting(2, HTTP_500, false, 0), clock.instant()))
        .isEqualTo(new RetryDecision.WaitForCredential(Duration.ofMillis(150), false));
  }

  @Test
  void givesUpWhenEveryCredentialThatFailedWasRejectedByWarp() {
    var excluded = new Acquisition.Unavailable(Acquisition.Cause.EXCLUDED, null);
    assertThat(policy.whenUnavailable(excluded, waiting(2, AUTH, true, 0), clock.instant()))
        .isEqualTo(new RetryDecision.GiveUp(Blame.NOT_AT_FAULT, AUTH, 2));
  }

  @Test
  void givesUpWhenEveryCredentialFailedAndNoAttemptRemains() {
    var excluded = new Acquisition.Unavailable(Acquisition.Cause.EXCLUDED, null);
    assertThat(policy.whenUnavailable(excluded, waiting(4, HTTP_500, false, 0), clock.instant()))
        .isEqualTo(new RetryDecision.GiveUp(Blame.NOT_AT_FAULT, HTTP_500, 4));
  }

  @Test
  void standardPolicyTriesEveryCredentialPlusTwoWithinBounds() {
    assertThat(RetryPolicy.standard(1, Duration.ofSeconds(30)).maxAttempts()).isEqualTo(3);
    assertThat(RetryPolicy.standard(4, Duration.ofSeconds(30)).maxAttempts()).isEqualTo(6);
    assertThat(RetryPolicy.standard(50, Duration.ofSeconds(30)).maxAttempts()).isEqualTo(10);
  }

  @Test
  void aPoolThatGrewGetsMoreAttempts() {
    assertThat(policy.forCredentials(6).maxAttempts()).isEqualTo(8);
    assertThat(policy.forCredentials(1)).isSameAs(policy);
  }
}
