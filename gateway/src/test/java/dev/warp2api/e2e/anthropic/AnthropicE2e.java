package dev.warp2api.e2e.anthropic;

import com.anthropic.client.AnthropicClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.testing.Sdks;
import dev.warp2api.testing.StackWithClient;
import dev.warp2api.testing.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared set-up of the Anthropic end-to-end tests: one simulated account, the SDK, and an SSE
 * reader.
 */
final class AnthropicE2e {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String REFRESH_TOKEN = "rt-anthropic-e2e-0001";
  static final String CLIENT_KEY = "sk-w2a-e2e-client-key";

  private AnthropicE2e() {}

  /** A stack with one simulated account and these extra gateway settings. */
  static TestStack stack(Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("WARP_REFRESH_TOKEN", REFRESH_TOKEN);
    return TestStack.start(
        SimConfig.defaults().withAccounts(SimAccountSpec.of(REFRESH_TOKEN, "personal-1", 100)),
        env);
  }

  static TestStack stack() {
    return stack(Map.of());
  }

  /**
   * The official SDK pointed at the gateway, with SDK retries off so every status is seen as sent.
   */
  static AnthropicClient sdk(TestStack stack) {
    return Sdks.anthropic(stack, CLIENT_KEY);
  }

  /** A default stack with the SDK. */
  static StackWithClient<AnthropicClient> stackWithSdk() {
    TestStack stack = stack();
    AnthropicClient client = sdk(stack);
    return new StackWithClient<>(stack, client, client::close);
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One server-sent event: its {@code event:} name and its {@code data:} as JSON. */
  record Sse(String name, JsonNode data) {
    String type() {
      return data.path("type").asText();
    }

    /**
     * {@code name} plus, for block events, the index and block/delta type:
     * {@code content_block_delta:0:text_delta}.
     */
    String shape() {
      return switch (name) {
        case "content_block_start" ->
          name + ":" + data.get("index").asInt() + ":"
              + data.at("/content_block/type").asText();
        case "content_block_delta" ->
          name + ":" + data.get("index").asInt() + ":" + data.at("/delta/type").asText();
        case "content_block_stop" -> name + ":" + data.get("index").asInt();
        default -> name;
      };
    }
  }

  /**
   * Parses a whole SSE body into events; fails on any line that is not {@code event:},
   * {@code data:} or blank, so a stray {@code data: [DONE]} or comment is caught.
   */
  static List<Sse> events(String body) {
    List<Sse> out = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      if (block.isBlank()) {
        continue;
      }
      String[] lines = block.split("\n");
      if (lines.length != 2 || !lines[0].startsWith("event: ") || !lines[1].startsWith("data: ")) {
        throw new AssertionError("not an Anthropic SSE event: " + block);
      }
      Sse e = new Sse(lines[0].substring(7), json(lines[1].substring(6)));
      if (!e.name().equals(e.type())) {
        throw new AssertionError("event name and data type differ: " + block);
      }
      out.add(e);
    }
    return out;
  }

  static List<String> shapes(List<Sse> events) {
    return events.stream().map(Sse::shape).toList();
  }
}
