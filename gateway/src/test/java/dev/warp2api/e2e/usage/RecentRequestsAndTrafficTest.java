package dev.warp2api.e2e.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.pipeline.FinishedRequest;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /admin/requests} and {@code GET /admin/traffic} (docs/API.md, 'Admin'): every request
 * that ends is listed and counted once, with its key's name, the Warp model, the credential and the
 * tokens, never a secret.
 */
class RecentRequestsAndTrafficTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REFRESH = "rt-usage-recent-7c1d93ab52e0";
  private static final String KEY_ONE = "client-key-one-a61f0e9b";
  private static final String KEY_TWO = "client-key-two-43d8c21e";
  private static final String ADMIN = "admin-key-usage-9f27b1c0";

  @AutoClose
  final TestStack stack = TestStack.start(
      SimConfig.defaults().withAccounts(SimAccountSpec.of(REFRESH, "one", 3)),
      Map.of(
          "WARP_REFRESH_TOKEN",
          REFRESH,
          "API_TOKEN",
          KEY_ONE + "," + KEY_TWO,
          "W2A_ADMIN_TOKEN",
          ADMIN));

  private final List<FinishedRequest> published = new CopyOnWriteArrayList<>();

  @Test
  void everyFinishedRequestIsListedNewestFirstWithItsKeyModelCredentialAndTokens() {
    stack.gateway.finishedRequests().subscribe(published::add);
    assertThat(stack.chat(false, "first", "authorization", "Bearer " + KEY_TWO).statusCode())
        .isEqualTo(200);
    assertThat(stack.chat(true, "second", "x-api-key", KEY_ONE).statusCode()).isEqualTo(200);

    JsonNode list = admin("/admin/requests").path("requests");
    assertThat(list).hasSize(2);
    String model = stack.gateway.models().resolve("claude-4-5-sonnet").orElseThrow();
    JsonNode newest = list.get(0);
    assertThat(newest.path("key").asText()).isEqualTo("key-1");
    assertThat(list.get(1).path("key").asText()).isEqualTo("key-2");
    for (JsonNode r : list) {
      assertThat(r.path("model").asText()).isEqualTo(model);
      assertThat(r.path("credential").asText()).isEqualTo(credentialName());
      assertThat(r.path("status").asInt()).isEqualTo(200);
      assertThat(r.path("error").isNull()).isTrue();
      assertThat(r.path("input_tokens").asLong()).isPositive();
      assertThat(r.path("output_tokens").asLong()).isPositive();
      assertThat(r.path("duration_ms").asLong()).isNotNegative();
      assertThat(r.has("time")).isTrue();
    }
    assertThat(published).hasSize(stack.sim.requests().size());
  }

  @Test
  void aFailedRequestIsListedWithItsStatusAndErrorKind() {
    for (int i = 0; i < 3; i++) {
      assertThat(stack.chat(false, "use it up", "x-api-key", KEY_ONE).statusCode())
          .isEqualTo(200);
    }
    assertThat(stack.chat(false, "one more", "x-api-key", KEY_ONE).statusCode()).isEqualTo(429);

    JsonNode newest = admin("/admin/requests?limit=1").path("requests");
    assertThat(newest).hasSize(1);
    assertThat(newest.get(0).path("status").asInt()).isEqualTo(429);
    assertThat(newest.get(0).path("error").asText()).isEqualTo("quota_exhausted");
  }

  @Test
  void trafficCountsRequestsAndTokensPerMinuteByModelAndKeyForTheLastHour() {
    stack.chat(false, "one", "x-api-key", KEY_ONE);
    stack.chat(false, "two", "x-api-key", KEY_ONE);
    stack.chat(false, "three", "x-api-key", KEY_TWO);
    String model = stack.gateway.models().resolve("claude-4-5-sonnet").orElseThrow();

    JsonNode minutes = admin("/admin/traffic").path("minutes");
    assertThat(minutes).hasSize(60);
    JsonNode now = minutes.get(59);
    assertThat(now.path("minute").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ");
    assertThat(now.path("by_model").path(model).path("requests").asLong()).isEqualTo(3);
    assertThat(now.path("by_model").path(model).path("tokens").asLong()).isPositive();
    assertThat(now.path("by_key").path("key-1").path("requests").asLong()).isEqualTo(2);
    assertThat(now.path("by_key").path("key-2").path("requests").asLong()).isEqualTo(1);

    stack.clock.advance(Duration.ofMinutes(2));
    minutes = admin("/admin/traffic").path("minutes");
    assertThat(minutes.get(59).path("by_model").size()).isZero();
    assertThat(minutes.get(57).path("by_model").path(model).path("requests").asLong())
        .isEqualTo(3);

    stack.clock.advance(Duration.ofMinutes(60));
    for (JsonNode m : admin("/admin/traffic").path("minutes")) {
      assertThat(m.path("by_model").size()).isZero();
    }
  }

  @Test
  void aBadLimitIsA400NamingIt() {
    for (String bad : List.of("0", "-3", "ten", "100000")) {
      HttpResponse<String> r =
          stack.get("/admin/requests?limit=" + bad, "authorization", "Bearer " + ADMIN);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.body()).contains("limit");
    }
  }

  @Test
  void theListsAreForTheAdminOnlyAndHoldNoSecretNorContent() {
    stack.chat(false, "a secret question about penguins", "x-api-key", KEY_ONE);
    assertThat(stack.get("/admin/requests", "x-api-key", KEY_ONE).statusCode()).isEqualTo(401);
    assertThat(stack.get("/admin/traffic").statusCode()).isEqualTo(401);
    for (String path : List.of("/admin/requests", "/admin/traffic")) {
      String body = stack.get(path, "authorization", "Bearer " + ADMIN).body();
      assertThat(body)
          .doesNotContain(
              REFRESH.substring(0, 10),
              KEY_ONE.substring(0, 10),
              KEY_TWO.substring(0, 10),
              ADMIN.substring(0, 10),
              "penguins");
    }
  }

  private String credentialName() {
    return admin("/admin/pool").path("credentials").get(0).path("name").asText();
  }

  private JsonNode admin(String path) {
    HttpResponse<String> r = stack.get(path, "authorization", "Bearer " + ADMIN);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    try {
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
