package dev.warp2api.e2e.usage;

import static dev.warp2api.e2e.usage.KeyStacks.MODEL;
import static dev.warp2api.e2e.usage.KeyStacks.admin;
import static dev.warp2api.e2e.usage.KeyStacks.chat;
import static dev.warp2api.e2e.usage.KeyStacks.create;
import static dev.warp2api.e2e.usage.KeyStacks.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.warp2api.testing.TestStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The usage ledger ({@code GET /admin/usage}, docs/API.md): what it counts equals what reached the
 * simulator, per key, credential, model and day, as JSON or CSV; it survives a restart, keeps
 * {@code W2A_USAGE_RETENTION} days and never holds request contents.
 */
class UsageLedgerTest {
  private static final String LEGACY = "legacy-usage-token-8a3e";

  @AutoClose
  final TestStack stack = KeyStacks.start("API_TOKEN", LEGACY, "W2A_USAGE_RETENTION", "3d");

  @Test
  void theLedgerCountsEqualTheSimulatorsOwnCountPerKeyInBothDialects() {
    String team = create(stack, "{\"name\":\"team-a\"}");
    String small = create(stack, "{\"name\":\"small\",\"daily_tokens\":1}");
    OpenAIClient openAi = KeyStacks.openAi(stack, team);
    AnthropicClient anthropic = KeyStacks.anthropic(stack, team);
    try {
      for (int i = 0; i < 3; i++) {
        openAi
            .chat()
            .completions()
            .create(ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("count me " + i)
                .build());
      }
      anthropic
          .messages()
          .create(MessageCreateParams.builder()
              .model("claude-sonnet-4-5")
              .maxTokens(64)
              .addUserMessage("and me")
              .build());
    } finally {
      openAi.close();
      anthropic.close();
    }
    assertThat(chat(stack, LEGACY, MODEL).statusCode()).isEqualTo(200);
    assertThat(chat(stack, small, MODEL).statusCode()).isEqualTo(200);
    assertThat(chat(stack, small, MODEL).statusCode()).isEqualTo(429); // over its budget

    JsonNode byKey = usage("group_by=key");
    Map<String, JsonNode> rows = byGroup(byKey, "key");
    assertThat(rows).containsOnlyKeys("team-a", "small", "key-1");
    assertThat(rows.get("team-a").path("requests").asLong()).isEqualTo(4);
    assertThat(rows.get("key-1").path("requests").asLong()).isEqualTo(1);
    assertThat(rows.get("small").path("requests").asLong()).isEqualTo(2);
    assertThat(rows.get("small")
            .path("errors_by_kind")
            .path("key_budget_exhausted")
            .asLong())
        .isEqualTo(1);
    long served = rows.values().stream()
        .mapToLong(r -> r.path("requests").asLong() - r.path("errors").asLong())
        .sum();
    assertThat(served).isEqualTo(stack.sim.requestCount()).isEqualTo(6);
    for (JsonNode r : rows.values()) {
      if (r.path("errors").asLong() == 0) {
        assertThat(r.path("input_tokens").asLong()).isPositive();
        assertThat(r.path("output_tokens").asLong()).isPositive();
      }
    }

    Map<String, JsonNode> byCredential = byGroup(usage("group_by=credential"), "credential");
    String credential = json(admin(stack, "GET", "/admin/pool", null).body())
        .path("credentials")
        .get(0)
        .path("name")
        .asText();
    assertThat(byCredential.get(credential).path("requests").asLong()).isEqualTo(6);
    assertThat(byCredential.get("none").path("requests").asLong()).isEqualTo(1);
    Map<String, JsonNode> byModel = byGroup(usage("group_by=model"), "model");
    assertThat(byModel.keySet()).containsExactly(MODEL);
    String today = LocalDate.ofInstant(stack.clock.instant(), ZoneOffset.UTC).toString();
    assertThat(byGroup(usage("group_by=day&from=" + today + "&to=" + today), "day"))
        .containsOnlyKeys(today);
  }

  @Test
  void csvHasAHeaderAndOneLinePerGroup() {
    create(stack, "{\"name\":\"csv-key\"}");
    chat(stack, LEGACY, MODEL);
    chat(stack, LEGACY, MODEL);
    HttpResponse<String> r =
        stack.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/admin/usage?group_by=key"))
            .header("authorization", "Bearer " + KeyStacks.ADMIN)
            .header("accept", "text/csv")
            .build());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
    List<String> lines = r.body().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("key,requests,input_tokens,output_tokens,reasoning_tokens,estimated_requests,"
            + "failovers,upstream_ms,errors,errors_by_kind");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).startsWith("key-1,2,");
  }

  @Test
  void badDatesAndGroupingsAre400NamingTheParameter() {
    Map<String, String> cases = new HashMap<>();
    cases.put("from=2026-13-01", "from");
    cases.put("to=yesterday", "to");
    cases.put("from=2026-12-06&to=2026-12-01", "from");
    cases.put("group_by=colour", "group_by");
    cases.put("from=2026-1-5", "from");
    cases.forEach((query, param) -> {
      HttpResponse<String> r = admin(stack, "GET", "/admin/usage?" + query, null);
      assertThat(r.statusCode()).as(query).isEqualTo(400);
      assertThat(json(r.body()).at("/error/param").asText()).as(query).isEqualTo(param);
    });
  }

  @Test
  void theLedgerSurvivesARestartSeedsBudgetsAndDropsDaysPastRetention() throws Exception {
    String secret = create(stack, "{\"name\":\"kept\",\"daily_tokens\":1}");
    assertThat(chat(stack, secret, MODEL).statusCode()).isEqualTo(200);
    stack.restartGateway();

    assertThat(
            byGroup(usage("group_by=key"), "key").get("kept").path("requests").asLong())
        .isEqualTo(1);
    // Today's tokens were read back: the budget is still spent.
    assertThat(chat(stack, secret, MODEL).statusCode()).isEqualTo(429);
    Path file = stack.stateDir.resolve("usage.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).doesNotContain("hello");

    stack.clock.advance(Duration.ofDays(3));
    String past =
        LocalDate.ofInstant(stack.clock.instant(), ZoneOffset.UTC).minusDays(10).toString();
    stack.gateway.ledger().flush();
    assertThat(usage("group_by=key&from=" + past).path("rows")).isEmpty();
  }

  private JsonNode usage(String query) {
    HttpResponse<String> r = admin(stack, "GET", "/admin/usage?" + query, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r.body());
  }

  private static Map<String, JsonNode> byGroup(JsonNode report, String group) {
    Map<String, JsonNode> out = new HashMap<>();
    report.path("rows").forEach(r -> out.put(r.path(group).asText(), r));
    return out;
  }
}
