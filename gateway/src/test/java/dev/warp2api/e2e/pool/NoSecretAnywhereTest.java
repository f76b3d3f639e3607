package dev.warp2api.e2e.pool;

import static dev.warp2api.e2e.pool.PoolStacks.awaitQuotaKnown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimFault;
import dev.warp2api.sim.SimFinish;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.LogLines;
import dev.warp2api.testing.TestStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A whole scenario (success, quota failover, 401 refresh, revoked token, overload, cut stream,
 * admin add / check / recover / remove, restart, wrong client key) leaves no refresh token, access
 * token or client key, nor a 12-character prefix of one, in any log line, response body or response
 * header.
 */
class NoSecretAnywhereTest {
  static final String CLIENT_KEY = "sk-client-key-19fa3c7e5b2d";
  static final String WRONG_KEY = "sk-wrong-key-6e0b4d8a2c1f";

  @Test
  void noLogLineOrResponseCarriesASecretOrItsPrefix() {
    List<String> seen = new ArrayList<>();
    Set<String> secrets = new LinkedHashSet<>(List.of(
        PoolStacks.P1,
        PoolStacks.P2,
        PoolStacks.S1,
        AdminPoolRoutesTest.ADDED,
        CLIENT_KEY,
        WRONG_KEY));
    try (LogLines logs = new LogLines();
        TestStack stack = TestStack.start(
            PoolStacks.threeAccounts(
                SimAccountSpec.of(PoolStacks.P2, "personal-2", 100).withRevoked(true),
                SimAccountSpec.of(AdminPoolRoutesTest.ADDED, "shared-2", 100)),
            PoolStacks.threeTokens("API_TOKEN", CLIENT_KEY, "W2A_AUTH_FAILURES", "1"))) {
      awaitQuotaKnown(stack);
      String[] key = {"authorization", "Bearer " + CLIENT_KEY};
      stack.chat(false, "plain", key);
      stack.sim.enqueueFor("personal-1", SimFault.AUTH_401);
      stack.chat(true, "401 then refresh", key);
      stack.sim.enqueueFor("personal-1", SimFault.QUOTA_429);
      stack.chat(true, "quota failover", key);
      stack.sim.enqueueFor("shared-1", SimFault.overloaded(Duration.ofSeconds(5)));
      stack.chat(false, "overload", "x-api-key", CLIENT_KEY);
      stack.sim.enqueue(SimReply.fault(SimFault.disconnectAfter(8)));
      stack.chat(true, "cut stream", key);
      stack.sim.enqueue(SimReply.text("partial").endingWith(SimFinish.QUOTA_LIMIT));
      stack.chat(true, "quota after output", key);
      stack.chat(false, "wrong key", "authorization", "Bearer " + WRONG_KEY);
      stack.post(
          "/admin/pool/credentials",
          "{\"tier\":\"shared\",\"refresh_token\":\"" + AdminPoolRoutesTest.ADDED + "\"}",
          key);
      stack.post(
          "/admin/pool/credentials",
          "{\"tier\":\"shared\",\"refresh_token\":\"" + AdminPoolRoutesTest.ADDED + "\"}",
          key); // a duplicate: the error must not echo the token either
      stack.post("/admin/pool/check", "{}", key);
      stack.post("/admin/pool/recover", "{}", key);
      stack.get("/admin/pool", key);
      stack.get("/readyz");
      stack.restartGateway();
      stack.get("/admin/pool", key);
      stack.chat(false, "after restart", key);
      stack.send(
          HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/admin/pool/credentials/shared-2"))
              .header("x-api-key", CLIENT_KEY)
              .DELETE()
              .build());

      secrets.addAll(stack.sim.issuedAccessTokens());
      for (HttpResponse<String> r : stack.responses()) {
        seen.add(r.statusCode() + " " + r.headers().map() + " " + r.body());
      }
      seen.addAll(logs.lines());
    }
    assertThat(secrets).as("access tokens were collected").hasSizeGreaterThan(4);
    assertThat(seen).as("the scenario produced logs and responses").hasSizeGreaterThan(20);
    String all = String.join("\n", seen);
    for (String secret : secrets) {
      assertThat(secret.length()).isGreaterThanOrEqualTo(12);
      assertThat(all).doesNotContain(secret.substring(0, 12));
      if (secret.contains(".")) { // a JWT: its signature and payload must not show either
        assertThat(all).doesNotContain(secret.substring(secret.lastIndexOf('.') + 1));
        assertThat(all)
            .doesNotContain(secret.substring(secret.indexOf('.') + 1, secret.indexOf('.') + 13));
      }
    }
  }
}
