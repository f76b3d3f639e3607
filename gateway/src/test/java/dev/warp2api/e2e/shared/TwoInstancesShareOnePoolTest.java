package dev.warp2api.e2e.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.sim.RecordedRequest;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.testing.Await;
import dev.warp2api.testing.RedisServer;
import dev.warp2api.testing.TestStack;
import dev.warp2api.testing.TwoInstances;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two gateway instances, one real redis-server and the simulator: what one instance learns, the
 * other acts on. The simulator's request log is the judge.
 */
class TwoInstancesShareOnePoolTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String P1 = "rt-personal-one-4b7e19c2a8d5";
  static final String P2 = "rt-personal-two-9d03f6e1b2c7";
  static final String ADDED = "rt-added-at-run-time-71c3e0a9";

  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();

  @RegisterExtension
  final TwoInstances instances = new TwoInstances(redis);

  TestStack a;

  void start(String... extra) {
    SimConfig sim = SimConfig.defaults()
        .withAccounts(List.of(
            SimAccountSpec.of(P1, "personal-1", 100_000),
            SimAccountSpec.of(P2, "personal-2", 100_000),
            SimAccountSpec.of(ADDED, "added", 100_000)));
    Map<String, String> env = new HashMap<>();
    env.put("WARP_PERSONAL_TOKENS", P1 + "," + P2);
    env.put("W2A_ADMIN_TOKEN", "admin-key");
    for (int i = 0; i + 1 < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    a = instances.start(sim, env);
  }

  String onB() {
    return instances.onB();
  }

  HttpResponse<String> chat(String base, String text) {
    return a.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model\":\"claude-4-5-sonnet\",\"messages\":[{\"role\":\"user\"," + "\"content\":\""
                + text + "\"}]}"))
        .build());
  }

  HttpResponse<String> admin(String base, String method, String path, String body) {
    return a.send(HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .header("authorization", "Bearer admin-key")
        .header("content-type", "application/json")
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body))
        .build());
  }

  /** {@code GET /admin/pool} without what is each instance's own (leases in flight). */
  JsonNode table(String base) {
    try {
      JsonNode pool = JSON.readTree(admin(base, "GET", "/admin/pool", null).body());
      for (JsonNode c : pool.path("credentials")) {
        ((ObjectNode) c).remove("in_flight");
      }
      return pool.path("credentials");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  boolean storeReachable(String base) {
    try {
      HttpResponse<String> r =
          a.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).GET().build());
      return JSON.readTree(r.body()).at("/store/reachable").asBoolean();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Fails unless {@code condition} holds within {@code limit}; polls, never a fixed delay. */
  static void within(Duration limit, String what, BooleanSupplier condition) {
    Await.until(what + " (within " + limit.toMillis() + " ms)", limit, condition);
  }

  /** Both instances show the same pool table (what is each instance's own left out). */
  void sameTables(Duration limit) {
    if (!Await.within(limit, () -> table(a.baseUrl()).equals(table(onB())))) {
      throw new AssertionError("the tables differ after " + limit.toMillis() + " ms:\nA: "
          + table(a.baseUrl()) + "\nB: " + table(onB()));
    }
  }

  List<String> accountsAfter(int index) {
    List<RecordedRequest> all = a.sim.requests();
    return all.subList(Math.min(index, all.size()), all.size()).stream()
        .map(RecordedRequest::accountLabel)
        .toList();
  }

  @Test
  void aQuotaFailureSeenByAIsNotRepeatedByBAfterOneSecond() {
    start();
    // The start-up quota reads are over on both: neither finds the account empty by itself.
    within(
        Duration.ofSeconds(10),
        "both instances read both quotas",
        () -> quotasRead(a.baseUrl()) && quotasRead(onB()));
    a.sim.setCreditsUsed("personal-1", 100_000); // the simulator answers its requests with 429
    int mark = a.sim.requests().size();
    for (int i = 0; i < 2; i++) {
      assertThat(chat(a.baseUrl(), "on A " + i).statusCode()).isEqualTo(200);
    }
    assertThat(accountsAfter(mark)).contains("personal-1"); // A met the 429 before it answered
    within(
        Duration.ofSeconds(1),
        "B knows personal-1 is exhausted",
        () -> stateOf(onB(), "personal-1").equals("exhausted"));

    mark = a.sim.requests().size();
    for (int i = 0; i < 10; i++) {
      assertThat(chat(onB(), "on B " + i).statusCode()).isEqualTo(200);
    }
    assertThat(accountsAfter(mark)).hasSize(10).doesNotContain("personal-1");
  }

  boolean quotasRead(String base) {
    for (JsonNode c : table(base)) {
      if (c.path("quota").isNull() || c.path("quota").isMissingNode()) {
        return false;
      }
    }
    return true;
  }

  String stateOf(String base, String name) {
    for (JsonNode c : table(base)) {
      if (c.path("name").asText().equals(name)) {
        return c.path("state").asText();
      }
    }
    return "absent";
  }

  @Test
  void fiftyConcurrentColdRequestsOverBothInstancesMakeOneRefreshPerCredential() throws Exception {
    start();
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String base = i % 2 == 0 ? a.baseUrl() : onB();
      all.add(a.http.sendAsync(
          HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"model\":\"claude-4-5-sonnet\",\"messages\":[{\"role\":"
                      + "\"user\",\"content\":\"request " + i + "\"}]}"))
              .build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    for (CompletableFuture<HttpResponse<String>> f : all) {
      assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(200);
    }
    assertThat(a.sim.refreshCount("personal-1")).isEqualTo(1);
    assertThat(a.sim.refreshCount("personal-2")).isEqualTo(1);
  }

  @Test
  void aCredentialAddedOrRemovedOnAServesOrLeavesBWithinOneSecondAndTheTablesAgree()
      throws Exception {
    start("WARP_PERSONAL_TOKENS", P1);
    assertThat(admin(
                a.baseUrl(),
                "POST",
                "/admin/pool/credentials",
                "{\"tier\":\"personal\",\"refresh_token\":\"" + ADDED + "\"}")
            .statusCode())
        .isEqualTo(201);
    within(
        Duration.ofSeconds(1),
        "B has personal-2",
        () -> table(onB()).findValues("name").stream()
            .anyMatch(n -> n.asText().equals("personal-2")));
    int mark = a.sim.requests().size();
    for (int i = 0; i < 4; i++) {
      assertThat(chat(onB(), "on B " + i).statusCode()).isEqualTo(200);
    }
    assertThat(accountsAfter(mark)).contains("added");
    sameTables(Duration.ofSeconds(1));

    assertThat(admin(a.baseUrl(), "DELETE", "/admin/pool/credentials/personal-2", null)
            .statusCode())
        .isEqualTo(200);
    within(
        Duration.ofSeconds(1),
        "personal-2 gone from B",
        () -> table(onB()).findValues("name").stream()
            .noneMatch(n -> n.asText().equals("personal-2")));
    mark = a.sim.requests().size();
    for (int i = 0; i < 4; i++) {
      assertThat(chat(onB(), "after " + i).statusCode()).isEqualTo(200);
    }
    assertThat(accountsAfter(mark)).containsOnly("personal-1");
    sameTables(Duration.ofSeconds(1));
  }

  @Test
  void roundRobinSpreadsRequestsOverBothInstancesEvenly() {
    start();
    int mark = a.sim.requests().size();
    for (int i = 0; i < 200; i++) {
      assertThat(chat(i % 2 == 0 ? a.baseUrl() : onB(), "r" + i).statusCode()).isEqualTo(200);
    }
    Map<String, Long> counts =
        accountsAfter(mark).stream().collect(Collectors.groupingBy(x -> x, Collectors.counting()));
    assertThat(counts.keySet()).containsExactlyInAnyOrder("personal-1", "personal-2");
    counts.values().forEach(n -> assertThat(n).isBetween(80L, 120L));
  }

  @Test
  void redisKilledUnderLoadOfBothInstancesLosesNoRequestAndStateConvergesAfterItsRestart()
      throws Exception {
    start();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger served = new AtomicInteger();
    List<Thread> clients = new ArrayList<>();
    for (String base : List.of(a.baseUrl(), onB())) {
      Thread t = new Thread(() -> {
        for (int i = 0; running.get() && i < 2000; i++) {
          HttpResponse<String> r = chat(base, "load " + i);
          (r.statusCode() == 200 ? served : failures).incrementAndGet();
        }
      });
      t.start();
      clients.add(t);
    }
    within(Duration.ofSeconds(20), "some load", () -> served.get() >= 20);
    redis.kill();
    int atKill = served.get();
    within(Duration.ofSeconds(20), "load while Redis is away", () -> served.get() >= atKill + 40);
    // Noticed at the next poll (every 250 ms) or write: lease counters alone are written at most
    // every 250 ms too, so 40 quick requests may all come before it.
    within(
        Duration.ofSeconds(2),
        "both report Redis away in /readyz",
        () -> !storeReachable(a.baseUrl()) && !storeReachable(onB()));
    JsonNode ready = JSON.readTree(a.get("/readyz").body());
    assertThat(ready.path("ready").asBoolean()).isTrue();
    assertThat(ready.at("/store/reachable").asBoolean()).isFalse();
    assertThat(admin(onB(), "POST", "/admin/pool/recover", "{}").statusCode()).isEqualTo(503);

    redis.start();
    int atRestart = served.get();
    within(
        Duration.ofSeconds(20), "load after Redis is back", () -> served.get() >= atRestart + 40);
    running.set(false);
    for (Thread t : clients) {
      t.join(30_000);
    }
    assertThat(failures.get()).isZero();
    within(
        Duration.ofSeconds(5),
        "both reach Redis",
        () -> storeReachable(a.baseUrl()) && storeReachable(onB()));
    sameTables(Duration.ofSeconds(3));
    assertThat(redis.dump()).contains(":cred:").doesNotContain(P1).doesNotContain(P2);
  }
}
