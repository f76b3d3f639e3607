package dev.warp2api.e2e.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import dev.warp2api.testing.Sdks;
import dev.warp2api.testing.StackWithClient;
import dev.warp2api.testing.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Shared set-up of the OpenAI end-to-end tests: one simulated account, the SDK. */
final class OpenAiE2e {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOKEN = "rt-openai-e2e-0001";
  static final String MODEL = "claude-4-5-sonnet";

  private OpenAiE2e() {}

  /** A stack with one account ({@code alpha}, 100 credits) and these extra gateway settings. */
  static TestStack start(String... env) {
    return TestStack.oneAccount(TOKEN, "alpha", env);
  }

  /**
   * The official SDK pointed at the gateway, without retries (a retry would hide what the gateway
   * answered).
   */
  static OpenAIClient sdk(TestStack stack, String apiKey) {
    return Sdks.openAi(stack, apiKey);
  }

  /** A default stack with the SDK (key {@code any-key}, which the open gateway accepts). */
  static StackWithClient<OpenAIClient> startWithSdk() {
    TestStack stack = start();
    OpenAIClient client = sdk(stack, "any-key");
    return new StackWithClient<>(stack, client, client::close);
  }

  /** Parses a JSON text, failing the test on malformed JSON. */
  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The JSON with what differs between runs replaced by placeholders: the completion {@code id}
   * ({@code "ID"}), {@code created} ({@code 0}) and tool-call ids ({@code "CALL0"},
   * {@code "CALL1"}… in order of first appearance, the same id getting the same placeholder).
   */
  static String normalize(JsonNode node, Map<String, String> callIds) {
    ObjectNode copy = node.deepCopy();
    if (copy.has("id")) {
      copy.put("id", "ID");
    }
    if (copy.has("created")) {
      copy.put("created", 0);
    }
    copy.findParents("tool_calls")
        .forEach(parent -> parent.get("tool_calls").forEach(call -> {
          if (call.has("id")) {
            String placeholder =
                callIds.computeIfAbsent(call.get("id").asText(), k -> "CALL" + callIds.size());
            ((ObjectNode) call).put("id", placeholder);
          }
        }));
    return copy.toString();
  }
}
