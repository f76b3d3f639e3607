package dev.warp2api.warp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.testing.Await;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Non-200 answers over real HTTP fail the future with the classified failure and never leak the
 * token.
 */
class WarpClientFailureTest {
  private static final String TOKEN =
      "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.dG9wLXNlY3JldC1zaWduYXR1cmU";

  @AutoClose
  private final StubUpstream stub = StubUpstream.start();

  private final WarpClient client = stub.own(new WarpClient(stub.vertx, stub.endpoints()));

  private UpstreamFailure failureFor(int status, String body, String... headers) {
    stub.answer(status, body, headers);
    var future = client.send(Buffer.buffer("req"), TOKEN);
    Throwable error = Await.failure(future);
    assertThat(error.getMessage()).doesNotContain(TOKEN);
    assertThat(error.toString()).doesNotContain(TOKEN);
    return ((UpstreamFailureException) error).failure();
  }

  @Test
  void outOfCredits429IsQuotaExhausted() {
    assertThat(failureFor(
            429,
            "{\"userDisplayMessage\":\"You're out of credits\"}",
            "X-Warp-Error-Code",
            "OUT_OF_CREDITS",
            "content-type",
            "application/json"))
        .isEqualTo(new UpstreamFailure.QuotaExhausted("You're out of credits"));
  }

  @Test
  void legacyQuota429IsQuotaExhausted() {
    assertThat(failureFor(429, "{\"error\":\"No remaining quota: No AI requests remaining\"}"))
        .isInstanceOf(UpstreamFailure.QuotaExhausted.class);
  }

  @Test
  void overload429CarriesRetryAfter() {
    assertThat(failureFor(429, "", "Retry-After", "7"))
        .isEqualTo(new UpstreamFailure.Overloaded(Duration.ofSeconds(7)));
  }

  @Test
  void unauthorizedIsAuthRejected() {
    assertThat(failureFor(401, "{\"error\":\"Unauthorized: User not in context\"}"))
        .isEqualTo(new UpstreamFailure.AuthRejected(401));
  }

  @Test
  void malformedRequestIsBadRequest() {
    assertThat(failureFor(
                400,
                "{\"error\":\"Invalid request: Received invalid AIAgentRequest: proto: cannot parse invalid wire-format data\"}")
            .safeDescription())
        .contains("cannot parse invalid wire-format data");
  }

  @Test
  void emptyInternalServerErrorIsTransient() {
    assertThat(failureFor(500, ""))
        .isEqualTo(
            new UpstreamFailure.Transient("upstream answered HTTP 500 with an empty body", false));
  }

  @Test
  void hugeErrorBodyIsCutAndSaysSo() {
    UpstreamFailure failure = failureFor(503, "x".repeat(BoundedBody.ERROR_LIMIT * 3));
    assertThat(failure.safeDescription())
        .contains("truncated")
        .hasSizeLessThan(BoundedBody.ERROR_LIMIT);
  }
}
