package dev.warp2api.e2e.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.testing.TestStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A gateway with one Warp account and an admin key, and helpers to make named keys. */
final class KeyStacks {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String REFRESH = "rt-named-keys-5d2e81c7a90f";
  static final String ADMIN = "admin-named-keys-0b7c44e2";
  static final String MODEL = "claude-4-5-sonnet";

  private KeyStacks() {}

  static TestStack start(String... extraEnv) {
    return TestStack.start(sim(), settings(extraEnv));
  }

  /** The simulator's settings: one account, {@code one}, that {@link #REFRESH} signs into. */
  static SimConfig sim() {
    return SimConfig.defaults().withAccounts(SimAccountSpec.of(REFRESH, "one", 10_000));
  }

  /** The gateway's settings: {@link #REFRESH}, {@link #ADMIN}, then {@code extraEnv}. */
  static Map<String, String> settings(String... extraEnv) {
    Map<String, String> env = new HashMap<>();
    env.put("WARP_REFRESH_TOKEN", REFRESH);
    env.put("W2A_ADMIN_TOKEN", ADMIN);
    for (int i = 0; i + 1 < extraEnv.length; i += 2) {
      env.put(extraEnv[i], extraEnv[i + 1]);
    }
    return env;
  }

  static HttpResponse<String> admin(TestStack stack, String method, String path, String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
        .timeout(Duration.ofSeconds(30))
        .header("authorization", "Bearer " + ADMIN)
        .header("content-type", "application/json")
        .method(
            method,
            json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
    return stack.send(b.build());
  }

  /** Creates a key and returns its secret. */
  static String create(TestStack stack, String json) {
    HttpResponse<String> r = admin(stack, "POST", "/admin/keys", json);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r.body()).path("secret").asText();
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError(body, e);
    }
  }

  static HttpResponse<String> chat(TestStack stack, String secret, String model) {
    String body =
        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    return stack.post("/v1/chat/completions", body, "authorization", "Bearer " + secret);
  }

  static OpenAIClient openAi(TestStack stack, String secret) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(stack.baseUrl() + "/v1")
        .apiKey(secret)
        .maxRetries(0)
        .build();
  }

  static AnthropicClient anthropic(TestStack stack, String secret) {
    return AnthropicOkHttpClient.builder()
        .baseUrl(stack.baseUrl())
        .apiKey(secret)
        .maxRetries(0)
        .build();
  }
}
