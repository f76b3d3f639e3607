package dev.warp2api.e2e.usage;

import static dev.warp2api.e2e.usage.KeyStacks.MODEL;
import static dev.warp2api.e2e.usage.KeyStacks.admin;
import static dev.warp2api.e2e.usage.KeyStacks.chat;
import static dev.warp2api.e2e.usage.KeyStacks.create;
import static dev.warp2api.e2e.usage.KeyStacks.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.warp2api.testing.LogLines;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Named client keys (docs/OPERATIONS.md, 'Keys, usage and the dashboard'): created at run time,
 * shown once, kept as a digest; their budget, per-minute limit and model list apply in both
 * dialects and on the raw routes, each refusal in the client's own dialect.
 */
class NamedKeysTest {
  private static final ChatCompletionCreateParams OPENAI_ASK =
      ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("Hi").build();
  private static final MessageCreateParams ANTHROPIC_ASK = MessageCreateParams.builder()
      .model("claude-sonnet-4-5")
      .maxTokens(64)
      .addUserMessage("Hi")
      .build();
  private static final String RAW_REQUEST =
      "{\"json_data\":{\"input\":{\"user_inputs\":{\"inputs\":[{\"user_query\":"
          + "{\"query\":\"Hello bridge\"}}]}},\"settings\":{\"model_config\":{\"base\":\"%s\"}}},"
          + "\"message_type\":\"warp.multi_agent.v1.Request\"}";

  @AutoClose
  final TestStack stack = KeyStacks.start("API_TOKEN", "legacy-token-3f1c");

  @Test
  void theSecretIsShownOnceAtCreationAndOnlyItsDigestIsStored() throws Exception {
    HttpResponse<String> created =
        admin(stack, "POST", "/admin/keys", "{\"name\":\"team-a\",\"daily_tokens\":5000}");
    assertThat(created.statusCode()).isEqualTo(201);
    String secret = json(created.body()).path("secret").asText();
    assertThat(secret).startsWith("w2a-").hasSizeGreaterThan(30);

    HttpResponse<String> list = admin(stack, "GET", "/admin/keys", null);
    JsonNode key = json(list.body()).path("keys").get(0);
    assertThat(key.path("name").asText()).isEqualTo("team-a");
    assertThat(key.path("daily_tokens").asLong()).isEqualTo(5000);
    assertThat(key.path("requests_per_minute").isNull()).isTrue();
    assertThat(key.has("secret")).isFalse();
    assertThat(list.body()).doesNotContain(secret.substring(4, 14));

    Path file = stack.stateDir.resolve("keys.json");
    String stored = Files.readString(file);
    assertThat(stored).contains("team-a", "sha256").doesNotContain(secret.substring(4, 14));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void onceANamedKeyExistsEveryRouteThatReachesWarpNeedsAClientKey() {
    try (TestStack open = KeyStacks.start()) {
      assertThat(open.get("/v1/models").statusCode()).isEqualTo(200);
      String secret = create(open, "{\"name\":\"only-one\"}");
      assertThat(open.get("/v1/models").statusCode()).isEqualTo(401);
      assertThat(open.post("/v1/chat/completions", "{}").statusCode()).isEqualTo(401);
      assertThat(open.post("/v1/messages", "{}").statusCode()).isEqualTo(401);
      assertThat(
              open.post("/api/warp/send_stream", RAW_REQUEST.formatted("auto")).statusCode())
          .isEqualTo(401);
      assertThat(open.get("/v1/models", "x-api-key", secret).statusCode()).isEqualTo(200);
      assertThat(chat(open, secret, MODEL).statusCode()).isEqualTo(200);
      assertThat(open.sim.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void apiTokenKeysStayValidWithoutLimitsBesideNamedKeys() {
    create(stack, "{\"name\":\"tiny\",\"daily_tokens\":0}");
    for (int i = 0; i < 3; i++) {
      assertThat(chat(stack, "legacy-token-3f1c", MODEL).statusCode()).isEqualTo(200);
    }
    assertThat(chat(stack, "not-a-key", MODEL).statusCode()).isEqualTo(401);
  }

  @Test
  void aKeyOverItsDailyBudgetIsRefusedInBothDialectsNamingTheResetTime() {
    String secret = create(stack, "{\"name\":\"budget\",\"daily_tokens\":1}");
    OpenAIClient openAi = KeyStacks.openAi(stack, secret);
    AnthropicClient anthropic = KeyStacks.anthropic(stack, secret);
    try {
      // The request that crosses the budget finishes.
      assertThat(openAi.chat().completions().create(OPENAI_ASK).choices()).hasSize(1);

      OpenAIServiceException refused = catchThrowableOfType(
          OpenAIServiceException.class, () -> openAi.chat().completions().create(OPENAI_ASK));
      assertThat(refused.getClass().getSimpleName()).isEqualTo("RateLimitException");
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.code()).contains("insufficient_quota");
      String reset = LocalDate.ofInstant(stack.clock.instant(), ZoneOffset.UTC)
          .plusDays(1)
          .atStartOfDay(ZoneOffset.UTC)
          .toInstant()
          .toString();
      assertThat(refused.getMessage()).contains("budget", reset);

      AnthropicServiceException anthropicRefused = catchThrowableOfType(
          AnthropicServiceException.class, () -> anthropic.messages().create(ANTHROPIC_ASK));
      assertThat(anthropicRefused.getClass().getSimpleName()).isEqualTo("RateLimitException");
      assertThat(anthropicRefused.statusCode()).isEqualTo(429);
      assertThat(anthropicRefused.getMessage()).contains("rate_limit_error", reset);
    } finally {
      openAi.close();
      anthropic.close();
    }
    HttpResponse<String> raw = chat(stack, secret, MODEL);
    long retryAfter = Long.parseLong(raw.headers().firstValue("retry-after").orElseThrow());
    assertThat(retryAfter)
        .isEqualTo(Duration.between(
                stack.clock.instant(),
                LocalDate.ofInstant(stack.clock.instant(), ZoneOffset.UTC)
                    .plusDays(1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant())
            .toSeconds());
    assertThat(stack.sim.requestCount()).isEqualTo(1);

    // A new UTC day: the budget is back.
    stack.clock.set(LocalDate.ofInstant(stack.clock.instant(), ZoneOffset.UTC)
        .plusDays(1)
        .atStartOfDay(ZoneOffset.UTC)
        .toInstant()
        .plusSeconds(5));
    assertThat(chat(stack, secret, MODEL).statusCode()).isEqualTo(200);
  }

  @Test
  void aKeyOverItsPerMinuteLimitGets429WithRetryAfterUntilTheNextMinute() {
    stack.clock.set(Instant.parse("2026-12-06T03:10:15Z"));
    String secret = create(stack, "{\"name\":\"rpm\",\"requests_per_minute\":2}");
    assertThat(chat(stack, secret, MODEL).statusCode()).isEqualTo(200);
    assertThat(chat(stack, secret, MODEL).statusCode()).isEqualTo(200);

    HttpResponse<String> third = chat(stack, secret, MODEL);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("retry-after")).contains("45");
    assertThat(json(third.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(json(third.body()).at("/error/message").asText())
        .contains("rpm", "2 requests per minute");

    String anthropicBody = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    HttpResponse<String> anthropic = stack.post("/v1/messages", anthropicBody, "x-api-key", secret);
    assertThat(anthropic.statusCode()).isEqualTo(429);
    assertThat(json(anthropic.body()).at("/error/type").asText()).isEqualTo("rate_limit_error");
    assertThat(anthropic.headers().firstValue("retry-after")).contains("45");
    assertThat(stack.sim.requestCount()).isEqualTo(2);

    stack.clock.advance(Duration.ofSeconds(45));
    assertThat(chat(stack, secret, MODEL).statusCode()).isEqualTo(200);
  }

  @Test
  void aModelOutsideTheKeysListIs403NamingItAndTheModelListShowsOnlyItsModels() {
    String secret = create(stack, "{\"name\":\"gpt-only\",\"models\":[\"gpt-*\",\"auto\"]}");
    HttpResponse<String> refused = chat(stack, secret, MODEL);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused.body()).at("/error/type").asText()).isEqualTo("permission_error");
    assertThat(json(refused.body()).at("/error/message").asText()).contains("'" + MODEL + "'");

    AnthropicClient anthropic = KeyStacks.anthropic(stack, secret);
    try {
      PermissionDeniedException e = catchThrowableOfType(
          PermissionDeniedException.class, () -> anthropic.messages().create(ANTHROPIC_ASK));
      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.getMessage()).contains("permission_error", "claude-4-5-sonnet");
    } finally {
      anthropic.close();
    }
    // An alias cannot reach another model: the check is on the Warp id it resolves to.
    assertThat(chat(stack, secret, "claude-sonnet-4-5").statusCode()).isEqualTo(403);
    // The raw route too.
    HttpResponse<String> raw =
        stack.post("/api/warp/send_stream", RAW_REQUEST.formatted(MODEL), "x-api-key", secret);
    assertThat(raw.statusCode()).isEqualTo(403);
    assertThat(stack.sim.requestCount()).isZero();

    List<String> ids = json(stack.get("/v1/models", "x-api-key", secret).body())
        .path("data")
        .findValuesAsText("id");
    assertThat(ids).isNotEmpty().allMatch(id -> id.startsWith("gpt-") || id.equals("auto"));
    assertThat(stack.get("/v1/models/" + MODEL, "x-api-key", secret).statusCode())
        .isEqualTo(403);
    assertThat(json(stack.get("/v1/models", "x-api-key", "legacy-token-3f1c").body())
            .path("data")
            .findValuesAsText("id"))
        .contains(MODEL);

    assertThat(chat(stack, secret, "auto").statusCode()).isEqualTo(200);
    assertThat(stack
            .post("/api/warp/send_stream", RAW_REQUEST.formatted("auto"), "x-api-key", secret)
            .statusCode())
        .isEqualTo(200);
  }

  @Test
  void keysAndTheirLimitsSurviveARestart() {
    String secret =
        create(stack, "{\"name\":\"durable\",\"models\":[\"claude-*\"],\"requests_per_minute\":5}");
    stack.restartGateway();
    assertThat(chat(stack, secret, MODEL).statusCode()).isEqualTo(200);
    assertThat(chat(stack, secret, "auto").statusCode()).isEqualTo(403);
    JsonNode key = json(admin(stack, "GET", "/admin/keys/durable", null).body());
    assertThat(key.path("requests_per_minute").asInt()).isEqualTo(5);
    assertThat(key.path("models").get(0).asText()).isEqualTo("claude-*");
  }

  @Test
  void changingAndRevokingAKeyTakeEffectAtOnceAndUnknownNamesAre404() {
    String secret = create(stack, "{\"name\":\"changing\",\"models\":[\"gpt-*\"]}");
    assertThat(chat(stack, secret, MODEL).statusCode()).isEqualTo(403);
    HttpResponse<String> patched =
        admin(stack, "PATCH", "/admin/keys/changing", "{\"models\":null,\"daily_tokens\":100}");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(json(patched.body()).path("daily_tokens").asLong()).isEqualTo(100);
    assertThat(chat(stack, secret, MODEL).statusCode()).isEqualTo(200);

    assertThat(admin(stack, "DELETE", "/admin/keys/changing", null).statusCode())
        .isEqualTo(200);
    assertThat(chat(stack, secret, MODEL).statusCode()).isEqualTo(401);

    assertThat(admin(stack, "DELETE", "/admin/keys/changing", null).statusCode())
        .isEqualTo(404);
    assertThat(
            admin(stack, "PATCH", "/admin/keys/nobody", "{\"daily_tokens\":1}").statusCode())
        .isEqualTo(404);
    assertThat(admin(stack, "GET", "/admin/keys/nobody", null).statusCode()).isEqualTo(404);
  }

  @Test
  void badInputIsA400NamingTheFieldAndNothingIsWritten() {
    String[][] cases = {
      {"{\"name\":\"Bad Name\"}", "name"},
      {"{\"name\":\"key-3\"}", "name"},
      {"{}", "name"},
      {"{\"name\":\"ok\",\"daily_tokens\":-1}", "daily_tokens"},
      {"{\"name\":\"ok\",\"daily_tokens\":\"lots\"}", "daily_tokens"},
      {"{\"name\":\"ok\",\"requests_per_minute\":0}", "requests_per_minute"},
      {"{\"name\":\"ok\",\"requests_per_minute\":1.5}", "requests_per_minute"},
      {"{\"name\":\"ok\",\"models\":\"claude-*\"}", "models"},
      {"{\"name\":\"ok\",\"models\":[\"claude *\"]}", "models"},
      {"{\"name\":\"ok\",\"colour\":\"red\"}", "colour"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = admin(stack, "POST", "/admin/keys", c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(json(r.body()).at("/error/param").asText()).as(c[0]).isEqualTo(c[1]);
    }
    assertThat(json(admin(stack, "GET", "/admin/keys", null).body()).path("keys"))
        .isEmpty();
    assertThat(stack.stateDir.resolve("keys.json")).doesNotExist();

    create(stack, "{\"name\":\"kept\",\"daily_tokens\":7}");
    HttpResponse<String> bad =
        admin(stack, "PATCH", "/admin/keys/kept", "{\"models\":[\"ok-*\"],\"daily_tokens\":-5}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad.body()).at("/error/param").asText()).isEqualTo("daily_tokens");
    JsonNode kept = json(admin(stack, "GET", "/admin/keys/kept", null).body());
    assertThat(kept.path("models")).isEmpty();
    assertThat(kept.path("daily_tokens").asLong()).isEqualTo(7);
    assertThat(admin(stack, "POST", "/admin/keys", "{\"name\":\"kept\"}").statusCode())
        .isEqualTo(400);
  }

  @Test
  void noSecretAppearsInAnyResponseLogOrMetric() {
    String secret;
    try (LogLines logs = new LogLines()) {
      secret = create(stack, "{\"name\":\"quiet\",\"requests_per_minute\":1}");
      chat(stack, secret, MODEL);
      chat(stack, secret, MODEL);
      chat(stack, "w2a-wrong-" + secret.substring(10), MODEL);
      admin(stack, "GET", "/admin/keys", null);
      admin(stack, "GET", "/admin/requests", null);
      admin(stack, "GET", "/metrics", null);
      String part = secret.substring(4, 16);
      assertThat(logs.lines()).noneMatch(l -> l.contains(part));
      List<HttpResponse<String>> seen = stack.responses();
      // The creation's own answer is the one place the secret appears.
      assertThat(seen.stream().filter(r -> r.body().contains(part))).hasSize(1);
      assertThat(seen.stream().flatMap(r -> r.headers().map().values().stream()))
          .noneMatch(v -> v.toString().contains(part));
    }
  }
}
