package dev.warp2api.warp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.MutableClock;
import dev.warp2api.testing.Await;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class HttpTokenRefresherTest {
  private static final String REFRESH = "AMf-vBrefresh-token-secret-0001";
  private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

  @AutoClose
  private final StubUpstream stub = StubUpstream.start();

  private final HttpTokenRefresher refresher =
      stub.own(new HttpTokenRefresher(stub.vertx, stub.endpoints(), new MutableClock(NOW)));

  @Test
  void postsFormWithIdentityHeadersAndReadsExpFromTheJwt() {
    Instant exp = NOW.plus(Duration.ofMinutes(55));
    String jwt = TestJwts.jwtExpiringAt(exp);
    stub.answer(
        200,
        "{\"access_token\":\"" + jwt + "\",\"expires_in\":\"3600\",\"token_type\":\"Bearer\"}");

    AccessToken token = Await.result(refresher.refresh(REFRESH));

    assertThat(token).isEqualTo(new AccessToken(jwt, exp));
    var seen = stub.next();
    assertThat(seen.uri()).isEqualTo("/proxy/token?key=test-web-key");
    assertThat(seen.body().toString())
        .isEqualTo("grant_type=refresh_token&refresh_token=" + REFRESH);
    assertThat(seen.headers().get("content-type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(seen.headers().get("x-warp-client-version"))
        .isEqualTo("v0.2026.01.14.08.15.stable_04");
    assertThat(seen.headers().get("x-warp-os-category")).isEqualTo("Windows");
    assertThat(seen.headers().contains("authorization")).isFalse();
  }

  @Test
  void fallsBackToIdTokenAndExpiresIn() {
    stub.answer(200, "{\"id_token\":\"opaque-id-token\",\"expires_in\":\"1800\"}");
    assertThat(Await.result(refresher.refresh(REFRESH)))
        .isEqualTo(new AccessToken("opaque-id-token", NOW.plusSeconds(1800)));
  }

  @Test
  void withoutExpOrExpiresInTheTokenLivesOneHour() {
    stub.answer(200, "{\"access_token\":\"opaque\"}");
    assertThat(Await.result(refresher.refresh(REFRESH)).expiresAt())
        .isEqualTo(NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void rejectedRefreshTokenIsAuthRejected() {
    for (int status : new int[] {400, 401, 403}) {
      stub.answer(status, "{\"error\":{\"message\":\"INVALID_REFRESH_TOKEN " + REFRESH + "\"}}");
      var failure = Await.failure(refresher.refresh(REFRESH));
      assertThat(((UpstreamFailureException) failure).failure())
          .isEqualTo(new UpstreamFailure.AuthRejected(status));
      assertThat(failure.getMessage()).doesNotContain(REFRESH);
    }
  }

  @Test
  void serverErrorAndAnswerWithoutTokenAreTransient() {
    stub.answer(503, "busy");
    assertThat(StubUpstream.upstreamFailureOf(refresher.refresh(REFRESH)))
        .isInstanceOf(UpstreamFailure.Transient.class);
    stub.answer(200, "{\"token_type\":\"Bearer\"}");
    assertThat(StubUpstream.upstreamFailureOf(refresher.refresh(REFRESH)))
        .isInstanceOf(UpstreamFailure.Transient.class);
  }
}
