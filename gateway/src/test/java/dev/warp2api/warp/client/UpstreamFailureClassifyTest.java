package dev.warp2api.warp.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Every branch of {@link UpstreamFailure#classify}, with Warp's bodies (docs/PROTOCOL.md,
 * 'Errors').
 */
class UpstreamFailureClassifyTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-10-21T07:28:00Z"), ZoneOffset.UTC);

  private static MultiMap headers(String... pairs) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      h.add(pairs[i], pairs[i + 1]);
    }
    return h;
  }

  @Test
  void outOfCreditsHeaderIsQuotaExhaustedWithUserDisplayMessage() {
    var failure = UpstreamFailure.classify(
        429,
        headers("x-warp-error-code", "OUT_OF_CREDITS"),
        "{\"userDisplayMessage\":\"You're out of credits\"}",
        CLOCK);
    assertThat(failure).isEqualTo(new UpstreamFailure.QuotaExhausted("You're out of credits"));
  }

  @Test
  void legacyNoRemainingQuotaBodyIsQuotaExhausted() {
    var failure = UpstreamFailure.classify(
        429, headers(), "{\"error\":\"No remaining quota: No AI requests remaining\"}", CLOCK);
    assertThat(failure)
        .isEqualTo(
            new UpstreamFailure.QuotaExhausted("No remaining quota: No AI requests remaining"));
  }

  @Test
  void legacyNoAiRequestsRemainingTextIsQuotaExhausted() {
    assertThat(UpstreamFailure.classify(429, null, "No AI requests remaining", CLOCK))
        .isInstanceOf(UpstreamFailure.QuotaExhausted.class);
  }

  @Test
  void plain429IsOverloadedWithRetryAfterSeconds() {
    assertThat(UpstreamFailure.classify(429, headers("Retry-After", "30"), "Rate exceeded.", CLOCK))
        .isEqualTo(new UpstreamFailure.Overloaded(Duration.ofSeconds(30)));
  }

  @Test
  void plain429WithHttpDateRetryAfterIsMeasuredFromTheClock() {
    assertThat(UpstreamFailure.classify(
            429, headers("Retry-After", "Wed, 21 Oct 2026 07:30:00 GMT"), "", CLOCK))
        .isEqualTo(new UpstreamFailure.Overloaded(Duration.ofMinutes(2)));
  }

  @Test
  void plain429WithoutRetryAfterHasNullDelay() {
    assertThat(UpstreamFailure.classify(429, headers(), "", CLOCK))
        .isEqualTo(new UpstreamFailure.Overloaded(null));
  }

  @Test
  void unauthorizedAndForbiddenAreAuthRejected() {
    assertThat(UpstreamFailure.classify(
            401, headers(), "{\"error\":\"Unauthorized: User not in context\"}", CLOCK))
        .isEqualTo(new UpstreamFailure.AuthRejected(401));
    assertThat(UpstreamFailure.classify(403, headers(), "<html>denied</html>", CLOCK))
        .isEqualTo(new UpstreamFailure.AuthRejected(403));
  }

  @Test
  void invalidWireFormatIsBadRequestQuotingTheUpstream() {
    var failure = UpstreamFailure.classify(
        400,
        headers(),
        "{\"error\":\"Invalid request: Received invalid AIAgentRequest: proto: cannot parse invalid wire-format data\"}",
        CLOCK);
    assertThat(failure).isInstanceOf(UpstreamFailure.BadRequest.class);
    assertThat(failure.safeDescription())
        .contains("HTTP 400")
        .contains("cannot parse invalid wire-format data");
  }

  @Test
  void other4xxIsBadRequest() {
    assertThat(UpstreamFailure.classify(404, headers(), "", CLOCK))
        .isEqualTo(new UpstreamFailure.BadRequest("HTTP 404 (empty body)"));
  }

  @Test
  void emptyBody500IsTransientNotTimeout() {
    assertThat(UpstreamFailure.classify(500, headers("content-length", "0"), "", CLOCK))
        .isEqualTo(
            new UpstreamFailure.Transient("upstream answered HTTP 500 with an empty body", false));
  }

  @Test
  void bodyEchoingATokenIsRedactedInTheDescription() {
    String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    var failure = UpstreamFailure.classify(
        502,
        headers(),
        "bad gateway for Bearer " + jwt + " refresh_token=AMf-vSECRETSECRET",
        CLOCK);
    assertThat(failure.safeDescription())
        .doesNotContain(jwt)
        .doesNotContain("AMf-vSECRETSECRET")
        .contains("██");
    assertThat(new UpstreamFailureException(failure).getMessage()).doesNotContain(jwt);
  }
}
