package dev.warp2api.e2e.usage;

import static dev.warp2api.e2e.usage.KeyStacks.MODEL;
import static dev.warp2api.e2e.usage.KeyStacks.create;
import static dev.warp2api.e2e.usage.KeyStacks.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.server.Gateway;
import dev.warp2api.testing.Await;
import dev.warp2api.testing.RedisServer;
import dev.warp2api.testing.TestStack;
import dev.warp2api.testing.TwoInstances;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two gateway instances, one real redis-server and the simulator: the usage ledger and the keys'
 * limits hold across instances (docs/OPERATIONS.md, 'Keys, usage and the dashboard'). The
 * simulator's request count is the judge.
 */
class UsageSharedThroughRedisTest {
  /** How soon one instance's use counts on the other: a round a second, and some slack. */
  private static final Duration WITHIN = Duration.ofSeconds(5);

  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();

  @RegisterExtension
  final TwoInstances instances = new TwoInstances(redis);

  TestStack a;
  Gateway b;

  private void start() {
    a = instances.start(KeyStacks.sim(), KeyStacks.settings());
    b = instances.b();
  }

  private String onA() {
    return a.baseUrl();
  }

  private String onB() {
    return instances.onB();
  }

  private HttpResponse<String> chat(String base, String secret) {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL
            + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"));
    if (secret != null) {
      r.header("authorization", "Bearer " + secret);
    }
    return a.send(r.build());
  }

  /**
   * The requests {@code GET /admin/usage} on {@code base} counts for {@code key} today; -1 when it
   * answered only its own counts (Redis away).
   */
  private long requests(String base, String key) {
    HttpResponse<String> r =
        a.send(HttpRequest.newBuilder(URI.create(base + "/admin/usage?group_by=key"))
            .timeout(Duration.ofSeconds(30))
            .header("authorization", "Bearer " + KeyStacks.ADMIN)
            .build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode report = json(r.body());
    if (report.has("note")) {
      return -1;
    }
    for (JsonNode row : report.path("rows")) {
      if (row.path("key").asText().equals(key)) {
        return row.path("requests").asLong();
      }
    }
    return 0;
  }

  private void keyOnBoth(String name) {
    Await.until("the key reaches B", WITHIN, () -> b.keys().get(name).isPresent());
  }

  @Test
  void requestsThroughBothInstancesAddUpInTheUsageOfEither() {
    start();
    String secret = create(a, "{\"name\":\"team-a\"}");
    keyOnBoth("team-a");
    for (int i = 0; i < 3; i++) {
      assertThat(chat(onA(), secret).statusCode()).isEqualTo(200);
    }
    for (int i = 0; i < 2; i++) {
      assertThat(chat(onB(), secret).statusCode()).isEqualTo(200);
    }
    assertThat(a.sim.requestCount()).isEqualTo(5);
    Await.until("A counts B's requests too", WITHIN, () -> requests(onA(), "team-a") == 5);
    Await.until("B counts A's requests too", WITHIN, () -> requests(onB(), "team-a") == 5);
    assertThat(a.stateDir.resolve("usage.json")).doesNotExist();
  }

  @Test
  void aKeysDailyBudgetSpentOnOneInstanceIsRefusedOnTheOther() {
    start();
    String secret = create(a, "{\"name\":\"small\",\"daily_tokens\":1}");
    keyOnBoth("small");
    assertThat(chat(onA(), secret).statusCode()).isEqualTo(200); // crosses the budget
    long spent = a.gateway.keys().tokensToday("small");
    assertThat(spent).isGreaterThan(1);
    Await.until(
        "B knows the tokens A counted", WITHIN, () -> b.keys().tokensToday("small") == spent);

    HttpResponse<String> refused = chat(onB(), secret);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(json(refused.body()).at("/error/code").asText()).isEqualTo("insufficient_quota");
    assertThat(a.sim.requestCount()).isEqualTo(1);
  }

  @Test
  void aKeysPerMinuteLimitCountsTheRequestsOfBothInstances() {
    start();
    String secret = create(a, "{\"name\":\"paced\",\"requests_per_minute\":3}");
    keyOnBoth("paced");
    // The test's clock does not move: every request falls in the same minute.
    assertThat(chat(onA(), secret).statusCode()).isEqualTo(200);
    assertThat(chat(onA(), secret).statusCode()).isEqualTo(200);
    Await.until(
        "B knows A's two requests", WITHIN, () -> b.keys().requestsThisMinute("paced") == 2);
    assertThat(chat(onB(), secret).statusCode()).isEqualTo(200);
    HttpResponse<String> refusedOnB = chat(onB(), secret);
    assertThat(refusedOnB.statusCode()).isEqualTo(429);
    assertThat(json(refusedOnB.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");

    Await.until(
        "A knows B's request", WITHIN, () -> a.gateway.keys().requestsThisMinute("paced") == 3);
    assertThat(chat(onA(), secret).statusCode()).isEqualTo(429);
    assertThat(a.sim.requestCount()).isEqualTo(3);
  }

  @Test
  void redisStoppedWhileRequestsAreCountedThenRestartedConvergesWithoutCountingTwice() {
    start();
    for (int i = 0; i < 2; i++) {
      assertThat(chat(onA(), null).statusCode()).isEqualTo(200);
      assertThat(chat(onB(), null).statusCode()).isEqualTo(200);
    }
    Await.until("both count 4", WITHIN, () -> requests(onA(), "anonymous") == 4);

    redis.kill(); // no persistence: Redis comes back empty
    for (int i = 0; i < 3; i++) {
      assertThat(chat(onA(), null).statusCode()).isEqualTo(200);
      assertThat(chat(onB(), null).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> local =
        a.send(HttpRequest.newBuilder(URI.create(onA() + "/admin/usage?group_by=key"))
            .timeout(Duration.ofSeconds(30))
            .header("authorization", "Bearer " + KeyStacks.ADMIN)
            .build());
    assertThat(local.statusCode()).isEqualTo(200);
    assertThat(json(local.body()).path("note").asText()).contains("this instance's own counts");

    redis.start();
    long served = a.sim.requestCount();
    assertThat(served).isEqualTo(10);
    Await.until(
        "both count every request again",
        Duration.ofSeconds(15),
        () -> requests(onA(), "anonymous") == served && requests(onB(), "anonymous") == served);
    // A few more rounds on each: still the simulator's count, nothing sent twice.
    for (int i = 0; i < 3; i++) {
      assertThat(requests(onA(), "anonymous")).isEqualTo(served);
      assertThat(requests(onB(), "anonymous")).isEqualTo(served);
    }
  }
}
