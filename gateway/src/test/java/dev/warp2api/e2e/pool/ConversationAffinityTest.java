package dev.warp2api.e2e.pool;

import static dev.warp2api.e2e.pool.PoolStacks.awaitQuotaKnown;
import static dev.warp2api.e2e.pool.PoolStacks.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimFault;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Soft affinity through every chat route: the turns of one conversation (named by a session header,
 * {@code prompt_cache_key}, {@code metadata.user_id} or {@code previous_response_id}) land on the
 * credential of the last turn while requests without a conversation rotate; a preferred credential
 * that cannot serve is failed over as usual; an idle conversation is forgotten.
 */
class ConversationAffinityTest {
  private static final String CHAT =
      "{\"model\":\"claude-4-5-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
  private static final String MESSAGES =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\","
          + "\"content\":\"hi\"}]";
  private static final String RESPONSES = "{\"model\":\"claude-4-5-sonnet\",\"input\":\"hi\"";

  @AutoClose
  private final TestStack stack = TestStack.start(
      PoolStacks.threeAccounts(), PoolStacks.threeTokens("W2A_AFFINITY_IDLE", "10m"));

  @BeforeEach
  void start() {
    awaitQuotaKnown(stack);
  }

  /** The account that served the last upstream request. */
  private String lastAccount() {
    List<String> accounts = stack.upstreamAccounts();
    return accounts.get(accounts.size() - 1);
  }

  private String served(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return lastAccount();
  }

  /**
   * Two requests of no conversation: between two turns, they make round-robin's next pick the other
   * personal credential.
   */
  private void unrelated() {
    served(stack.chat(false, "unrelated a"));
    served(stack.chat(false, "unrelated b"));
  }

  /**
   * Three turns of one conversation with two requests of no conversation before each: the turns
   * stay on one credential where round-robin would alternate.
   */
  private void turnsStayTogether(Supplier<HttpResponse<String>> turn) {
    String first = served(turn.get());
    for (int i = 0; i < 3; i++) {
      unrelated();
      assertThat(served(turn.get())).as("turn %d", i + 2).isEqualTo(first);
    }
    assertThat(stack.upstreamAccounts())
        .as("the requests of no conversation took turns")
        .contains("personal-1", "personal-2");
  }

  @Test
  void requestsWithoutAConversationAreSpreadRoundRobin() {
    for (int i = 0; i < 4; i++) {
      served(stack.chat(false, "hi"));
    }
    assertThat(stack.upstreamAccounts())
        .containsExactly("personal-1", "personal-2", "personal-1", "personal-2");
  }

  @Test
  void chatCompletionsTurnsOfOneSessionHeaderStayOnOneCredential() {
    turnsStayTogether(
        () -> stack.post("/v1/chat/completions", CHAT + "}", "x-session-affinity", "s1"));
  }

  @Test
  void chatCompletionsTurnsOfOnePromptCacheKeyStayOnOneCredential() {
    turnsStayTogether(() -> stack.post(
        "/v1/chat/completions", CHAT + ",\"stream\":true,\"prompt_cache_key\":\"pck-1\"}"));
  }

  @Test
  void messagesTurnsOfOneClaudeCodeSessionStayOnOneCredential() {
    turnsStayTogether(() -> stack.post(
        "/v1/messages",
        MESSAGES + ",\"stream\":true}",
        "x-api-key",
        "k",
        "x-claude-code-session-id",
        "6f1c-session"));
  }

  @Test
  void messagesTurnsOfOneMetadataUserIdStayOnOneCredential() {
    turnsStayTogether(() -> stack.post(
        "/v1/messages",
        MESSAGES + ",\"metadata\":{\"user_id\":\"{\\\"session_id\\\":\\\"abc\\\"}\"}}",
        "x-api-key",
        "k"));
  }

  @Test
  void responsesTurnsChainedByPreviousResponseIdStayOnOneCredential() {
    HttpResponse<String> r = stack.post("/v1/responses", RESPONSES + "}");
    String first = served(r);
    String previous = json(r.body()).path("id").asText();
    for (int i = 0; i < 3; i++) {
      unrelated();
      r = stack.post(
          "/v1/responses",
          "{\"model\":\"claude-4-5-sonnet\",\"input\":\"next\",\"previous_response_id\":\""
              + previous + "\"}");
      assertThat(served(r)).as("turn %d", i + 2).isEqualTo(first);
      previous = json(r.body()).path("id").asText();
    }
  }

  @Test
  void responsesTurnsOfOneCodexSessionStayOnOneCredential() {
    turnsStayTogether(() -> stack.post(
        "/v1/responses",
        RESPONSES + ",\"stream\":true,\"store\":false,\"prompt_cache_key\":\"019a-sess\"}",
        "session-id",
        "019a-sess"));
  }

  @Test
  void aPreferredCredentialThatIsOverloadedFailsOverAndTheConversationMovesWithIt() {
    String first =
        served(stack.post("/v1/chat/completions", CHAT + "}", "x-session-affinity", "s1"));
    stack.sim.enqueueFor(first, SimFault.overloaded(Duration.ofSeconds(30)));

    String second =
        served(stack.post("/v1/chat/completions", CHAT + "}", "x-session-affinity", "s1"));
    assertThat(second).isNotEqualTo(first).isIn("personal-1", "personal-2");

    stack.clock.advance(Duration.ofSeconds(31)); // the first is available again
    assertThat(served(stack.post("/v1/chat/completions", CHAT + "}", "x-session-affinity", "s1")))
        .isEqualTo(second);
  }

  @Test
  void anIdleConversationIsForgottenAndSpreadAgain() {
    assertThat(served(stack.post("/v1/chat/completions", CHAT + "}", "x-session-affinity", "s1")))
        .isEqualTo("personal-1");
    stack.clock.advance(Duration.ofMinutes(11));

    assertThat(served(stack.post("/v1/chat/completions", CHAT + "}", "x-session-affinity", "s1")))
        .as("round-robin's turn, no longer the remembered credential")
        .isEqualTo("personal-2");
  }

  @Test
  void twoClientKeysWithTheSameSessionAreTwoConversations() {
    assertThat(served(stack.post(
            "/v1/chat/completions",
            CHAT + "}",
            "x-session-affinity",
            "s1",
            "authorization",
            "Bearer a")))
        .isEqualTo("personal-1");
    assertThat(served(stack.post(
            "/v1/chat/completions",
            CHAT + "}",
            "x-session-affinity",
            "s1",
            "authorization",
            "Bearer b")))
        .isEqualTo("personal-2");
  }
}
