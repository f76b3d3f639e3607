package dev.warp2api.warp.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.testing.Await;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code GetRequestLimitInfo}: the request we send and every answer shape of docs/PROTOCOL.md,
 * 'Quota'.
 */
class WarpGraphqlQuotaTest {
  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.Z3JhcGhxbC1zZWNyZXQ";
  static final String SAMPLE = """
      {"data":{"user":{"__typename":"UserOutput","user":{
        "requestLimitInfo":{"isUnlimited":false,"nextRefreshTime":"2026-02-21T14:06:36.156167Z",
          "requestLimit":300,"requestsUsedSinceLastRefresh":10,"requestLimitRefreshDuration":"MONTHLY"},
        "bonusGrants":[{"requestCreditsGranted":20,"requestCreditsRemaining":10,"expiration":"2026-03-01T10:00:00Z"}],
        "workspaces":[{"uid":"w1","bonusGrantsInfo":{"grants":[],"spendingInfo":null}}]}}}}
      """;

  @AutoClose
  private final StubUpstream stub = StubUpstream.start();

  private final WarpGraphql graphql =
      stub.own(new WarpGraphql(stub.vertx, stub.endpoints(), Clock.systemUTC()));

  @Test
  void parsesTheDocumentedSample() throws Exception {
    stub.answer(200, SAMPLE, "content-type", "application/json");

    QuotaInfo quota = Await.result(graphql.requestLimitInfo(TOKEN));

    assertThat(quota)
        .isEqualTo(
            new QuotaInfo(300, 10, false, Instant.parse("2026-02-21T14:06:36.156167Z"), "MONTHLY"));
    assertThat(quota.remaining()).isEqualTo(290);
    assertThat(quota.remainingAt(Instant.parse("2026-02-21T14:06:37Z"))).isEqualTo(300);
  }

  @Test
  void sendsOperationWithBearerIdentityAndRequestContext() throws Exception {
    stub.answer(200, SAMPLE);
    Await.result(graphql.requestLimitInfo(TOKEN));

    var seen = stub.next();
    assertThat(seen.uri()).isEqualTo("/graphql/v2?op=GetRequestLimitInfo");
    assertThat(seen.headers().get("authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(seen.headers().get("content-type")).isEqualTo("application/json");
    assertThat(seen.headers().get("x-warp-client-id")).isEqualTo("warp-app");
    assertThat(seen.headers().get("x-warp-os-name")).isEqualTo("Windows");
    var body = new ObjectMapper().readTree(seen.body().toString());
    assertThat(body.path("operationName").asText()).isEqualTo("GetRequestLimitInfo");
    assertThat(body.path("query").asText())
        .contains("query GetRequestLimitInfo($requestContext: RequestContext!)")
        .contains("requestLimitRefreshDuration")
        .contains("... on UserFacingError");
    var context = body.path("variables").path("requestContext");
    assertThat(context.path("clientContext").path("version").asText())
        .isEqualTo("v0.2026.01.14.08.15.stable_04");
    assertThat(context.path("osContext").path("category").asText()).isEqualTo("Windows");
    assertThat(context.path("osContext").path("version").asText()).isEqualTo("11 (26100)");
    assertThat(context.path("osContext").has("linuxKernelVersion")).isTrue();
    assertThat(context.path("osContext").get("linuxKernelVersion").isNull()).isTrue();
  }

  @Test
  void unlimitedPlanHasUnboundedRemaining() {
    stub.answer(200, """
        {"data":{"user":{"__typename":"UserOutput","user":{"requestLimitInfo":{"isUnlimited":true,
          "nextRefreshTime":"2026-02-21T14:06:36Z","requestLimit":0,"requestsUsedSinceLastRefresh":5,
          "requestLimitRefreshDuration":"WEEKLY"}}}}}""");
    assertThat(Await.result(graphql.requestLimitInfo(TOKEN)).remaining()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void userFacingErrorFailsWithItsMessage() {
    stub.answer(200, """
        {"data":{"user":{"__typename":"UserFacingError",
          "error":{"__typename":"AccountDelinquencyError","message":"Your account is delinquent"},
          "responseContext":{"serverVersion":"abc"}}}}""");
    UpstreamFailure failure = StubUpstream.upstreamFailureOf(graphql.requestLimitInfo(TOKEN));
    assertThat(failure).isInstanceOf(UpstreamFailure.BadRequest.class);
    assertThat(failure.safeDescription()).contains("Your account is delinquent");
  }

  @Test
  void topLevelErrorsFail() {
    stub.answer(
        200,
        "{\"errors\":[{\"message\":\"Cannot query field \\\"x\\\" on type \\\"User\\\"\"}],\"data\":null}");
    assertThat(StubUpstream.upstreamFailureOf(graphql.requestLimitInfo(TOKEN)).safeDescription())
        .contains("Cannot query field");
    stub.answer(200, "{\"errors\":[{\"message\":\"Unauthorized\"}]}");
    assertThat(StubUpstream.upstreamFailureOf(graphql.requestLimitInfo(TOKEN)))
        .isEqualTo(new UpstreamFailure.AuthRejected(401));
  }

  @Test
  void rejectedBearerIsAuthRejectedWithoutTheToken() {
    stub.answer(401, "{\"error\":\"Unauthorized: User not in context\"}");
    Throwable error = Await.failure(graphql.requestLimitInfo(TOKEN));
    assertThat(((UpstreamFailureException) error).failure())
        .isEqualTo(new UpstreamFailure.AuthRejected(401));
    assertThat(error.getMessage()).doesNotContain(TOKEN);
    stub.answer(403, "");
    assertThat(StubUpstream.upstreamFailureOf(graphql.requestLimitInfo(TOKEN)))
        .isEqualTo(new UpstreamFailure.AuthRejected(403));
  }

  @Test
  void unreadableAnswerIsTransient() {
    stub.answer(200, "<html>oops</html>");
    assertThat(StubUpstream.upstreamFailureOf(graphql.requestLimitInfo(TOKEN)))
        .isInstanceOf(UpstreamFailure.Transient.class);
  }
}
