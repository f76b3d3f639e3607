package dev.warp2api.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What each finish and each unavailable pool means, decided in one place. */
class EndingTest {
  @Test
  void doneAfterAToolCallAsksTheClientToRunTools() {
    assertThat(Ending.of(FinishReason.DONE, true, true)).isEqualTo(Ending.TOOL_CALLS);
    assertThat(Ending.of(FinishReason.UNSPECIFIED, true, false)).isEqualTo(Ending.STOP);
  }

  @Test
  void quotaLimitAfterOutputKeepsTheAnswer() {
    assertThat(Ending.of(FinishReason.QUOTA_LIMIT, true, false))
        .isEqualTo(Ending.QUOTA_RAN_OUT_AFTER_OUTPUT);
  }

  @Test
  void quotaLimitAfterOutputSaysWhatThePipelineAddedToTheFinish() {
    Ending.QuotaRanOutAfterOutput none = new Ending.QuotaRanOutAfterOutput(false, 3600);
    ChatEvent.Finished finished =
        new ChatEvent.Finished(FinishReason.QUOTA_LIMIT, null, null, false);
    assertThat(Ending.of(finished, true, false)).isEqualTo(Ending.QUOTA_RAN_OUT_AFTER_OUTPUT);
    assertThat(Ending.of(finished.withQuotaRanOut(none), true, false)).isEqualTo(none);
    assertThat(Ending.of(finished.withQuotaRanOut(none), false, false))
        .as("before output it is a failure, whatever was added")
        .isInstanceOf(Ending.QuotaExhausted.class);
    assertThat(none.message())
        .endsWith("no Warp credential has quota left, the soonest resets in 3600 s.");
    assertThat(new Ending.QuotaRanOutAfterOutput(true, 0).retryAfterSeconds()).isEqualTo(1);
    assertThat(new Ending.QuotaRanOutAfterOutput(false, -1).message())
        .endsWith("no Warp credential has quota left.");
  }

  @Test
  void quotaLimitBeforeOutputIsQuotaExhausted() {
    Ending.Finish ending = Ending.of(FinishReason.QUOTA_LIMIT, false, false);
    assertThat(ending).isInstanceOf(Ending.QuotaExhausted.class);
    assertThat(((Ending.Failure) ending).kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
  }

  @Test
  void invalidApiKeyIsARejectedRequestAndOtherErrorsAreUpstreamFailures() {
    assertThat(Ending.of(FinishReason.INVALID_API_KEY, true, false))
        .isInstanceOf(Ending.UpstreamRejected.class);
    for (FinishReason reason : new FinishReason[] {
      FinishReason.LLM_UNAVAILABLE, FinishReason.INTERNAL_ERROR, FinishReason.OTHER
    }) {
      assertThat(Ending.of(reason, true, false)).isInstanceOf(Ending.UpstreamFailed.class);
    }
  }

  @Test
  void aFailureBecomesAnErrorWithItsKindWordingAndRetryAfter() {
    GatewayException error = new Ending.QuotaExhausted(7200).error();
    assertThat(error.kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
    assertThat(error.retryAfterSeconds()).isEqualTo(7200);
    assertThat(error.safeMessage())
        .isEqualTo("Every Warp credential's quota is exhausted; the soonest resets in 7200 s.");
  }
}
