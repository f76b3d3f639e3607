package dev.warp2api.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.LogLines;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Values that travel to Warp as a protobuf Struct nest at most 30 levels: at 30 the request reaches
 * the simulator (whose parser has protobuf's default limit, like Warp's) and is answered; at 31,
 * and at the 300-1000 levels that once overflowed the event loop's stack, it is a 400 naming the
 * field, quickly, on every route.
 */
class DeepJsonIsRefusedNamingTheFieldTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @AutoClose
  private final TestStack stack =
      TestStack.start(SimConfig.defaults(), Map.of("WARP_REFRESH_TOKEN", "rt-deep-json-0001"));

  static String nested(int levels) {
    return "{\"a\":".repeat(levels - 1) + "{\"type\":\"object\"}" + "}".repeat(levels - 1);
  }

  static String openAiTool(String schema) {
    return "{\"model\":\"claude-4-5-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"t\",\"parameters\":" + schema
        + "}}]}";
  }

  static String openAiArguments(String args) throws Exception {
    return "{\"model\":\"claude-4-5-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
        + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"t\","
        + "\"arguments\":" + JSON.writeValueAsString(args) + "}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"ok\"}]}";
  }

  static String anthropicTool(String schema) {
    return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"tools\":[{\"name\":\"t\",\"input_schema\":" + schema + "}]}";
  }

  static String anthropicToolUse(String input) {
    return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"tu1\",\"name\":\"t\",\"input\":"
        + input
        + "}]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"tu1\",\"content\":\"ok\"}]}]}";
  }

  static String bridgeSchema(String schema) {
    return "{\"json_data\":{\"mcp_context\":{\"tools\":[{\"name\":\"t\",\"input_schema\":" + schema
        + "}]}}," + "\"message_type\":\"warp.multi_agent.v1.Request\"}";
  }

  @Test
  void thirtyLevelsReachWarpAndAreAnsweredOnEveryDialect() throws Exception {
    for (int i = 0; i < 4; i++) {
      stack.sim.enqueue(SimReply.text("ok"));
    }
    assertThat(stack.post("/v1/chat/completions", openAiTool(nested(30))).statusCode())
        .isEqualTo(200);
    assertThat(stack.post("/v1/chat/completions", openAiArguments(nested(30))).statusCode())
        .isEqualTo(200);
    assertThat(stack.post("/v1/messages", anthropicTool(nested(30))).statusCode())
        .isEqualTo(200);
    assertThat(stack.post("/v1/messages", anthropicToolUse(nested(30))).statusCode())
        .isEqualTo(200);
    assertThat(stack.post("/api/encode", bridgeSchema(nested(30))).statusCode()).isEqualTo(200);
    assertThat(stack.sim.requestCount()).isEqualTo(4);
  }

  @Test
  void thirtyOneLevelsAreA400NamingTheFieldInTheDialect() throws Exception {
    assertRefused("/v1/chat/completions", openAiTool(nested(31)), "tools[0].function.parameters");
    assertRefused(
        "/v1/chat/completions",
        openAiArguments(nested(31)),
        "messages[1].tool_calls[0].function.arguments");
    assertRefused("/v1/messages", anthropicTool(nested(31)), "tools[0].input_schema");
    assertRefused("/v1/messages", anthropicToolUse(nested(31)), "messages[1].content[0].input");
    assertRefused(
        "/api/encode", bridgeSchema(nested(31)), "json_data.mcp_context.tools[0].input_schema");
    assertThat(stack.sim.requestCount()).isZero();
  }

  @Test
  void hundredsOfLevelsAreAQuick400NeverAHangNorAnError() throws Exception {
    try (LogLines logs = new LogLines()) {
      for (int levels : new int[] {300, 1000}) {
        long start = System.nanoTime();
        assertThat(status("/v1/chat/completions", openAiTool(nested(levels)))).isEqualTo(400);
        assertThat(status("/v1/chat/completions", openAiArguments(nested(levels))))
            .isEqualTo(400);
        assertThat(status("/v1/messages", anthropicTool(nested(levels)))).isEqualTo(400);
        assertThat(status("/v1/messages", anthropicToolUse(nested(levels)))).isEqualTo(400);
        assertThat(status("/v1/messages/count_tokens", anthropicTool(nested(levels))))
            .isEqualTo(400);
        assertThat(status("/api/encode", bridgeSchema(nested(levels)))).isEqualTo(400);
        assertThat(status("/api/warp/send_stream", bridgeSchema(nested(levels))))
            .isEqualTo(400);
        assertThat((System.nanoTime() - start) / 1_000_000)
            .as("ms for seven requests")
            .isLessThan(5_000);
      }
      assertThat(logs.lines()).noneMatch(l -> l.startsWith("ERROR") || l.contains("StackOverflow"));
    }
    assertThat(stack.sim.requestCount()).isZero();
  }

  private int status(String route, String body) {
    HttpResponse<String> r = stack.post(route, body);
    return r.statusCode();
  }

  private void assertRefused(String route, String body, String field) throws Exception {
    HttpResponse<String> r = stack.post(route, body);
    assertThat(r.statusCode()).as(route + " " + r.body()).isEqualTo(400);
    JsonNode error = JSON.readTree(r.body());
    if (route.startsWith("/v1/messages")) {
      assertThat(error.path("type").asText()).isEqualTo("error");
      assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
    } else if (route.startsWith("/v1/")) {
      assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
      assertThat(error.at("/error/param").asText()).isEqualTo(field);
    }
    assertThat(error.at("/error/message").asText())
        .as(route)
        .contains("`" + field + "` is nested 31 levels deep");
  }
}
