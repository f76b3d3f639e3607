package dev.warp2api.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.warp.protocol.pb.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestRecordTest {
  private final MutableClock clock = MutableClock.startingAtDefault();
  private SimFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new SimFixture(SimConfig.defaults()
        .withClock(clock)
        .withAccounts(SimAccountSpec.of("secret-refresh-token-a", "personal-1", 1)));
  }

  @AfterEach
  void tearDown() throws Exception {
    f.close();
  }

  @Test
  void recordsTheDecodedRequestAccountStatusAndHeaders() throws Exception {
    String jwt = f.accessToken("secret-refresh-token-a");
    Request sent = SimFixture.request("what reached warp?");
    f.ai(jwt, sent);
    f.ai(jwt, sent);
    RecordedRequest first = f.sim.takeRequest();
    assertThat(first.request()).isEqualTo(sent);
    assertThat(first.lastQuery()).isEqualTo("what reached warp?");
    assertThat(first.accountLabel()).isEqualTo("personal-1");
    assertThat(first.isFor("secret-refresh-token-a")).isTrue();
    assertThat(first.accountFingerprint()).hasSize(8);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.conversationId()).isNotEmpty();
    assertThat(first.at()).isEqualTo(clock.instant());
    assertThat(first.header("Content-Type")).isEqualTo("application/x-protobuf");
    assertThat(first.header("authorization")).isEqualTo("Bearer \u2588\u2588");
    assertThat(first.bearerFingerprint()).isEqualTo(SimAccountSpec.fingerprint(jwt));
    assertThat(f.sim.takeRequest().status()).isEqualTo(429);
    assertThat(f.sim.requests()).hasSize(2);
    assertThat(f.sim.requestCount()).isEqualTo(2);
  }

  @Test
  void neverPrintsTokens() throws Exception {
    String jwt = f.accessToken("secret-refresh-token-a");
    f.ai(jwt, SimFixture.request("x"));
    RecordedRequest r = f.sim.takeRequest();
    assertThat(r.toString())
        .doesNotContain("secret-refresh-token-a")
        .doesNotContain(jwt)
        .doesNotContain(jwt.substring(0, 12));
    assertThat(f.sim.config().accounts().get(0).toString()).doesNotContain("secret");
  }
}
