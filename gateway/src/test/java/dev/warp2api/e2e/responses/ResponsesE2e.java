package dev.warp2api.e2e.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import dev.warp2api.testing.Sdks;
import dev.warp2api.testing.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared set-up of the Responses API end-to-end tests: one simulated account, the SDK, SSE parsing.
 */
final class ResponsesE2e {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOKEN = "rt-responses-e2e-0001";
  static final String MODEL = "claude-4-5-sonnet";

  private ResponsesE2e() {}

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

  /** One server-sent event: its {@code event:} name and its parsed {@code data:}. */
  record Event(String name, JsonNode data) {
    String type() {
      return data.path("type").asText();
    }
  }

  /** The events of an SSE body, in order; comments (keep-alives) are skipped. */
  static List<Event> events(String sse) {
    List<Event> out = new ArrayList<>();
    for (String block : sse.split("\n\n")) {
      String name = null;
      String data = null;
      for (String line : block.split("\n")) {
        if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = line.substring(6);
        }
      }
      if (data != null) {
        out.add(new Event(name, parse(data)));
      }
    }
    return out;
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
