package dev.warp2api.e2e.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.pool.RedisStateStore;
import dev.warp2api.sim.RecordedRequest;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.testing.Await;
import dev.warp2api.testing.RedisServer;
import dev.warp2api.testing.TestStack;
import dev.warp2api.testing.TwoInstances;
import dev.warp2api.warp.protocol.pb.Message;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two gateway instances, one real redis-server and the simulator: a client that moves from one
 * instance to the other keeps its stored responses (read, continued, deleted, still its own) and
 * its conversations' credentials; with Redis stopped each instance still does both by itself.
 */
class ConversationsFollowAClientAcrossInstancesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String P1 = "rt-personal-one-5c8e20d3b9e6";
  static final String P2 = "rt-personal-two-0e14a7f2c3d8";
  static final String ONE = "Bearer client-key-one";
  static final String TWO = "Bearer client-key-two";

  /**
   * Long enough for the other instance to read what one published: a few of the feeds' read
   * intervals.
   */
  static final Duration SPREAD = RedisStateStore.POLL_INTERVAL.multipliedBy(4);

  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();

  @RegisterExtension
  final TwoInstances instances = new TwoInstances(redis);

  TestStack a;

  void start() {
    SimConfig sim = SimConfig.defaults()
        .withAccounts(List.of(
            SimAccountSpec.of(P1, "personal-1", 100_000),
            SimAccountSpec.of(P2, "personal-2", 100_000)));
    a = instances.start(sim, Map.of("WARP_PERSONAL_TOKENS", P1 + "," + P2));
  }

  String onA() {
    return a.baseUrl();
  }

  String onB() {
    return instances.onB();
  }

  HttpResponse<String> call(String method, String url, String body, String... headers) {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json")
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      r.header(headers[i], headers[i + 1]);
    }
    return a.send(r.build());
  }

  /** A stored response of {@code key} answering {@code text}: its id. */
  String respond(String base, String key, String text, String previous) {
    HttpResponse<String> r = call(
        "POST",
        base + "/v1/responses",
        "{\"model\":\"claude-4-5-sonnet\",\"input\":\"" + text + "\""
            + (previous == null ? "" : ",\"previous_response_id\":\"" + previous + "\"")
            + "}",
        "authorization",
        key);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r.body()).path("id").asText();
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError(body, e);
    }
  }

  /** The user queries in the history of the last request that reached the simulator. */
  List<String> queriesOfLastUpstreamRequest() {
    List<RecordedRequest> all = a.sim.requests();
    List<String> queries = new ArrayList<>();
    for (Message m :
        all.get(all.size() - 1).request().getTaskContext().getTasks(0).getMessagesList()) {
      if (m.hasUserQuery()) {
        queries.add(m.getUserQuery().getQuery());
      }
    }
    return queries;
  }

  String lastAccount() {
    List<String> accounts = a.upstreamAccounts();
    return accounts.get(accounts.size() - 1);
  }

  /** One turn of the conversation named by {@code session}: the account that served it. */
  String turn(String base, String session) {
    HttpResponse<String> r = call(
        "POST",
        base + "/v1/chat/completions",
        "{\"model\":\"claude-4-5-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"turn\"}]}",
        "x-session-affinity",
        session);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return lastAccount();
  }

  /**
   * Requests of no conversation on {@code base} until one is served by {@code credential}: with two
   * credentials, round-robin's next pick there is then the other one.
   */
  void makeRoundRobinPickTheOtherNext(String base, String credential) {
    for (int i = 0; i < 3; i++) {
      if (unrelated(base).equals(credential)) {
        return;
      }
    }
    throw new AssertionError("round-robin never picked " + credential);
  }

  /** A request of no conversation: round-robin's next pick moves on. */
  String unrelated(String base) {
    HttpResponse<String> r = call(
        "POST",
        base + "/v1/chat/completions",
        "{\"model\":\"claude-4-5-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return lastAccount();
  }

  @Test
  void aResponseStoredOnAIsReadContinuedAndDeletedThroughBAndStaysItsKeysOwn() {
    start();
    String first = respond(onA(), ONE, "Who are you?", null);

    HttpResponse<String> read =
        call("GET", onB() + "/v1/responses/" + first, null, "authorization", ONE);
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(json(read.body()).path("id").asText()).isEqualTo(first);
    HttpResponse<String> items =
        call("GET", onB() + "/v1/responses/" + first + "/input_items", null, "authorization", ONE);
    assertThat(items.statusCode()).as(items.body()).isEqualTo(200);
    assertThat(items.body()).contains("Who are you?");
    assertThat(call("GET", onB() + "/v1/responses/" + first, null, "authorization", TWO)
            .statusCode())
        .as("another key")
        .isEqualTo(404);
    assertThat(call("DELETE", onB() + "/v1/responses/" + first, null, "authorization", TWO)
            .statusCode())
        .as("another key")
        .isEqualTo(404);

    String second = respond(onB(), ONE, "What did I ask?", first);
    assertThat(queriesOfLastUpstreamRequest())
        .as("the earlier turn reached Warp from B")
        .contains("Who are you?");
    HttpResponse<String> foreign = call(
        "POST",
        onB() + "/v1/responses",
        "{\"model\":\"claude-4-5-sonnet\",\"input\":\"x\",\"previous_response_id\":\"" + first
            + "\"}",
        "authorization",
        TWO);
    assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(400);
    assertThat(foreign.body()).contains("previous_response_id");

    HttpResponse<String> deleted =
        call("DELETE", onB() + "/v1/responses/" + first, null, "authorization", ONE);
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertThat(json(deleted.body()).path("deleted").asBoolean()).isTrue();
    assertThat(call("GET", onB() + "/v1/responses/" + first, null, "authorization", ONE)
            .statusCode())
        .isEqualTo(404);
    Await.until(
        "A forgets what B deleted",
        Duration.ofSeconds(2),
        () -> call("GET", onA() + "/v1/responses/" + first, null, "authorization", ONE)
                .statusCode()
            == 404);

    // And the other way: what B stored, A deletes, and B forgets.
    assertThat(call("DELETE", onA() + "/v1/responses/" + second, null, "authorization", ONE)
            .statusCode())
        .isEqualTo(200);
    Await.until(
        "B forgets what A deleted",
        Duration.ofSeconds(2),
        () -> call("GET", onB() + "/v1/responses/" + second, null, "authorization", ONE)
                .statusCode()
            == 404);
    assertThat(redis.dump()).doesNotContain("client-key-one").doesNotContain("client-key-two");
  }

  @Test
  void aConversationServedOnAKeepsItsCredentialWhenItsNextTurnsGoToB() throws Exception {
    start();
    String credential = turn(onA(), "session-1");
    Thread.sleep(SPREAD.toMillis()); // B reads what A remembered

    for (int i = 0; i < 3; i++) {
      makeRoundRobinPickTheOtherNext(onB(), credential);
      assertThat(turn(onB(), "session-1")).as("turn %d on B", i + 2).isEqualTo(credential);
    }
    assertThat(a.upstreamAccounts()).contains("personal-1", "personal-2");

    // A Responses conversation chained by previous_response_id moves the same way.
    String id = respond(onA(), ONE, "Who are you?", null);
    String served = lastAccount();
    Thread.sleep(SPREAD.toMillis());
    for (int i = 0; i < 2; i++) {
      makeRoundRobinPickTheOtherNext(onB(), served);
      id = respond(onB(), ONE, "And then?", id);
      assertThat(lastAccount()).as("continuation %d on B", i + 1).isEqualTo(served);
    }
    assertThat(redis.dump()).doesNotContain("session-1");
  }

  @Test
  void withRedisStoppedEachInstanceStillKeepsItsOwnResponsesAndConversations() throws Exception {
    start();
    redis.kill();
    List<Integer> statuses = new ArrayList<>();

    String first = respond(onA(), ONE, "Who are you?", null);
    HttpResponse<String> read =
        call("GET", onA() + "/v1/responses/" + first, null, "authorization", ONE);
    statuses.add(read.statusCode());
    String second = respond(onA(), ONE, "What did I ask?", first);
    assertThat(queriesOfLastUpstreamRequest()).contains("Who are you?");
    statuses.add(call("DELETE", onA() + "/v1/responses/" + second, null, "authorization", ONE)
        .statusCode());
    statuses.add(call("GET", onA() + "/v1/responses/" + second, null, "authorization", ONE)
        .statusCode());
    assertThat(statuses).containsExactly(200, 200, 404);

    String credential = turn(onB(), "session-2");
    for (int i = 0; i < 3; i++) {
      makeRoundRobinPickTheOtherNext(onB(), credential);
      assertThat(turn(onB(), "session-2")).as("turn %d on B", i + 2).isEqualTo(credential);
    }

    redis.start(); // empty, as after a crash: sharing resumes with what is stored from now on
    Await.until("B reads what A stored after Redis returned", Duration.ofSeconds(10), () -> {
      String later = respond(onA(), ONE, "Again?", null);
      return call("GET", onB() + "/v1/responses/" + later, null, "authorization", ONE)
              .statusCode()
          == 200;
    });
  }
}
