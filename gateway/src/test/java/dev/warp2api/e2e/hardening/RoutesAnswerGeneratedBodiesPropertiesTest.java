package dev.warp2api.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.testing.JsonArbitraries;
import dev.warp2api.testing.LogLines;
import dev.warp2api.testing.TestStack;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Generated bodies posted over HTTP to every POST route of every dialect (OpenAI chat and
 * Responses, Anthropic messages and token counts, the bridge's tools and raw Warp routes), against
 * one gateway and the simulator: JSON of random shapes keyed by the fields each dialect reads,
 * streamed or not, arbitrary text and bytes, huge strings, lone surrogates, values nested up to
 * 1,200 levels. Each request is answered within {@link #BOUND} with a 2xx or a 4xx in its dialect's
 * error shape (never a 5xx); a streamed 2xx ends as its dialect ends a stream; and the gateway logs
 * no error and no stack trace meanwhile. One request at a time, so that nothing here provokes a
 * legitimate 429 or 503.
 */
class RoutesAnswerGeneratedBodiesPropertiesTest {
  private static final Duration BOUND = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The fields of a Warp {@code Request} (and of the bridge's bodies), for the bridge routes. */
  private static final List<String> WARP_FIELDS = List.of(
      "json_data",
      "message_type",
      "protobuf_bytes",
      "protobuf_chunks",
      "input",
      "user_inputs",
      "inputs",
      "user_query",
      "query",
      "settings",
      "model_config",
      "base",
      "coding",
      "planning",
      "task_context",
      "tasks",
      "active_task_id",
      "messages",
      "id",
      "metadata",
      "conversation_id",
      "context",
      "directory",
      "pwd",
      "supported_tools",
      "tool_call_result",
      "agent_output",
      "text");

  private static final List<String> MESSAGE_TYPES = List.of(
      "warp.multi_agent.v1.Request",
      "warp.multi_agent.v1.ResponseEvent",
      "warp.multi_agent.v1.Task",
      "Request",
      "");

  private static TestStack stack;
  private static LogLines logs;
  private static HttpClient http;

  /** A POST route, the dialect its errors are written in, and how its streams end. */
  enum Route {
    CHAT("/v1/chat/completions", Shape.OPENAI),
    RESPONSES("/v1/responses", Shape.OPENAI),
    RESPONSES_INPUT_TOKENS("/v1/responses/input_tokens", Shape.OPENAI),
    MESSAGES("/v1/messages", Shape.ANTHROPIC),
    COUNT_TOKENS("/v1/messages/count_tokens", Shape.ANTHROPIC),
    ENCODE("/api/encode", Shape.BRIDGE),
    DECODE("/api/decode", Shape.BRIDGE),
    STREAM_DECODE("/api/stream-decode", Shape.BRIDGE),
    ENCODE_RAW("/api/warp/encode_raw", Shape.BRIDGE),
    ENCODE_RAW_BASE64("/api/warp/encode_raw?output=base64", Shape.BRIDGE),
    SEND_STREAM("/api/warp/send_stream", Shape.BRIDGE),
    SEND_STREAM_SSE("/api/warp/send_stream_sse", Shape.BRIDGE);

    final String path;
    final Shape shape;

    Route(String path, Shape shape) {
      this.path = path;
      this.shape = shape;
    }

    boolean bridge() {
      return shape == Shape.BRIDGE;
    }
  }

  enum Shape {
    OPENAI,
    ANTHROPIC,
    BRIDGE
  }

  @BeforeContainer
  static void start() {
    logs = new LogLines();
    stack = TestStack.start(
        SimConfig.defaults(), Map.of("WARP_REFRESH_TOKEN", "rt-generated-bodies-0001"));
    http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  @AfterContainer
  static void stop() {
    if (stack != null) {
      stack.close();
    }
    if (logs != null) {
      logs.close();
    }
  }

  @Property(tries = 300)
  void dialectRoutesAnswerGeneratedBodiesInTheirShape(
      @ForAll("dialectRoutes") Route route,
      @ForAll("dialectBodies") JsonNode body,
      @ForAll("streamFlags") Boolean stream) {
    if (stream != null) {
      ((ObjectNode) body).put("stream", stream);
    }
    answeredInItsDialect(route, body.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 200)
  void bridgeRoutesAnswerGeneratedBodiesInTheirShape(
      @ForAll("bridgeRoutes") Route route, @ForAll("bridgeBodies") JsonNode body) {
    answeredInItsDialect(route, body.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 200)
  void everyRouteAnswersArbitraryBytesInItsShape(
      @ForAll Route route, @ForAll("rawBodies") byte[] body) {
    answeredInItsDialect(route, body);
  }

  @Property(tries = 80)
  void everyRouteAnswersDeepNestingInItsShape(
      @ForAll Route route,
      @ForAll @IntRange(min = 30, max = 1200) int levels,
      @ForAll("deepFields") String field) {
    answeredInItsDialect(route, nestedIn(route, field, levels).getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 60)
  void storedResponseAndModelRoutesAnswerGeneratedIds(
      @ForAll("ids") String id, @ForAll("idRoutes") String template) {
    boolean delete = template.startsWith("DELETE ");
    String path = (delete ? template.substring("DELETE ".length()) : template)
        .replace("{id}", URLEncoder.encode(id, StandardCharsets.UTF_8));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path));
    Answer a = exchange((delete ? b.DELETE() : b.GET()).timeout(BOUND).build());
    assertThat(a.status).as(a.describe()).isBetween(200, 499);
    if (a.status >= 300) {
      assertThat(a.status).as(a.describe()).isGreaterThanOrEqualTo(400);
      openAiError(a);
    } else {
      assertThat(json(a).isObject()).as(a.describe()).isTrue();
    }
  }

  // ---- checks ----

  /** Posts {@code body} to {@code route} and checks the answer, its timing and the log. */
  private static void answeredInItsDialect(Route route, byte[] body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + route.path))
        .timeout(BOUND)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    Answer a = exchange(request);
    Statistics.label("answers")
        .collect(route, a.status / 100 + "xx", a.contentType.replaceAll(";.*", ""));
    assertThat(a.status)
        .as("%s answered %s", route, a.describe())
        .satisfiesAnyOf(
            s -> assertThat(s).isBetween(200, 299), s -> assertThat(s).isBetween(400, 499));
    if (a.status >= 400) {
      switch (route.shape) {
        case OPENAI, BRIDGE -> openAiError(a);
        case ANTHROPIC -> anthropicError(a);
      }
    } else if (a.contentType.startsWith("text/event-stream")) {
      wellFormedStream(route, a);
    } else if (a.contentType.startsWith("application/json")) {
      assertThat(json(a).isObject()).as(a.describe()).isTrue();
    } else {
      assertThat(route).as(a.describe()).isEqualTo(Route.ENCODE_RAW);
      assertThat(a.contentType).isEqualTo("application/x-protobuf");
    }
  }

  /** Sends one request within the bound; fails on no answer or on an error logged meanwhile. */
  private static Answer exchange(HttpRequest request) {
    int mark = logs.count();
    CompletableFuture<HttpResponse<byte[]>> pending =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> r;
    try {
      r = pending.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new AssertionError(request.method() + " " + request.uri().getPath()
          + " got no whole answer within " + BOUND);
    } catch (Exception e) {
      throw new AssertionError(
          request.method() + " " + request.uri().getPath() + " failed: " + e, e);
    }
    Answer a = new Answer(
        r.statusCode(),
        r.headers().firstValue("content-type").orElse(""),
        new String(r.body(), StandardCharsets.UTF_8));
    List<String> logged = logs.linesFrom(mark);
    assertThat(logged)
        .as("log lines while %s %s answered %s", request.method(), request.uri(), a.describe())
        .noneMatch(l -> l.startsWith("ERROR") || l.contains(" | "));
    return a;
  }

  private static void openAiError(Answer a) {
    JsonNode error = json(a).path("error");
    assertThat(error.path("message").isTextual()).as(a.describe()).isTrue();
    assertThat(error.path("type").isTextual()).as(a.describe()).isTrue();
  }

  private static void anthropicError(Answer a) {
    JsonNode root = json(a);
    assertThat(root.path("type").asText()).as(a.describe()).isEqualTo("error");
    assertThat(root.at("/error/type").isTextual()).as(a.describe()).isTrue();
    assertThat(root.at("/error/message").isTextual()).as(a.describe()).isTrue();
  }

  /** Every event's data is JSON (or {@code [DONE]}) and the stream ends as its dialect ends one. */
  private static void wellFormedStream(Route route, Answer a) {
    assertThat(a.body).as(a.describe()).endsWith("\n\n");
    List<String> data = new ArrayList<>();
    for (String line : a.body.split("\n")) {
      if (line.startsWith("data: ")) {
        data.add(line.substring(6));
      }
    }
    assertThat(data).as(a.describe()).isNotEmpty();
    String last = data.get(data.size() - 1);
    for (String d : data) {
      if (!d.equals("[DONE]")) {
        assertThat(parse(d, a).isObject()).as(a.describe()).isTrue();
      }
    }
    switch (route) {
      case CHAT, SEND_STREAM_SSE -> assertThat(last).as(a.describe()).isEqualTo("[DONE]");
      case MESSAGES ->
        assertThat(parse(last, a).path("type").asText())
            .as(a.describe())
            .isIn("message_stop", "error");
      case RESPONSES ->
        assertThat(parse(last, a).path("type").asText())
            .as(a.describe())
            .isIn("response.completed", "response.incomplete", "response.failed", "error");
      default -> fail("%s answered with a stream: %s", route, a.describe());
    }
  }

  private static JsonNode json(Answer a) {
    assertThat(a.contentType).as(a.describe()).startsWith("application/json");
    return parse(a.body, a);
  }

  private static JsonNode parse(String text, Answer a) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + a.describe(), e);
    }
  }

  private record Answer(int status, String contentType, String body) {
    String describe() {
      String shown = body.length() > 600 ? body.substring(0, 600) + "..." : body;
      return status + " " + contentType + " " + shown;
    }
  }

  // ---- generators ----

  @Provide
  Arbitrary<Route> dialectRoutes() {
    return Arbitraries.of(Route.values()).filter(r -> !r.bridge());
  }

  @Provide
  Arbitrary<Route> bridgeRoutes() {
    return Arbitraries.of(Route.values()).filter(Route::bridge);
  }

  /** True or false half the time each way, else whatever the body holds (maybe nothing). */
  @Provide
  Arbitrary<Boolean> streamFlags() {
    return Arbitraries.of(true, false).injectNull(0.4);
  }

  /** Mostly bodies a dialect would nearly accept: a first user message, then random fields. */
  @Provide
  Arbitrary<JsonNode> dialectBodies() {
    Arbitrary<JsonNode> plausible = JsonArbitraries.bodies().map(b -> {
      ObjectNode body = (ObjectNode) b;
      if (!body.path("messages").isArray()) {
        body.putArray("messages").addObject().put("role", "user").put("content", "hi");
      }
      if (!body.has("input")) {
        body.put("input", "hi");
      }
      if (!body.has("max_tokens")) {
        body.put("max_tokens", 64);
      }
      return body;
    });
    return Arbitraries.frequencyOf(Tuple.of(2, JsonArbitraries.bodies()), Tuple.of(3, plausible));
  }

  /** Bridge bodies: a Warp request's fields under {@code json_data}, protobuf bytes, noise. */
  @Provide
  Arbitrary<JsonNode> bridgeBodies() {
    Arbitrary<JsonNode> jsonData = Arbitraries.frequencyOf(
        Tuple.of(3, JsonArbitraries.json(4, WARP_FIELDS)), Tuple.of(2, plausibleWarpRequest()));
    Arbitrary<String> messageType = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(MESSAGE_TYPES)),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(30)));
    Arbitrary<JsonNode> protobuf = Arbitraries.oneOf(
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(200)
            .map(bytes -> NODES.textNode(Base64.getEncoder().encodeToString(bytes))),
        Arbitraries.strings().ofMaxLength(40).map(NODES::textNode),
        JsonArbitraries.json(2));
    return Combinators.combine(
            jsonData.injectNull(0.2),
            messageType.injectNull(0.3),
            protobuf.injectNull(0.5),
            protobuf.list().ofMaxSize(4).injectNull(0.6),
            JsonArbitraries.json(3, WARP_FIELDS).injectNull(0.7))
        .as((data, type, bytes, chunks, extra) -> {
          ObjectNode body = NODES.objectNode();
          if (extra != null && extra.isObject()) {
            body.setAll((ObjectNode) extra);
          }
          if (data != null) {
            body.set("json_data", data);
          }
          if (type != null) {
            body.put("message_type", type);
          }
          if (bytes != null) {
            body.set("protobuf_bytes", bytes);
          }
          if (chunks != null) {
            body.set("protobuf_chunks", NODES.arrayNode().addAll(chunks));
          }
          return body;
        });
  }

  /** A Warp request the simulator answers, with one generated value put somewhere in it. */
  private static Arbitrary<JsonNode> plausibleWarpRequest() {
    return Combinators.combine(
            Arbitraries.of("query", "base", "inputs", "settings", "task_context", "metadata"),
            JsonArbitraries.json(3, WARP_FIELDS))
        .as((where, value) -> {
          ObjectNode request = NODES.objectNode();
          ObjectNode userInputs = request.putObject("input").putObject("user_inputs");
          ObjectNode query = userInputs.putArray("inputs").addObject().putObject("user_query");
          query.put("query", "hello");
          ObjectNode modelConfig = request.putObject("settings").putObject("model_config");
          modelConfig.put("base", "auto");
          switch (where) {
            case "query" -> query.set("query", value);
            case "base" -> modelConfig.set("base", value);
            case "inputs" -> userInputs.set("inputs", value);
            default -> request.set(where, value);
          }
          return request;
        });
  }

  /** Not JSON, half of it, invalid UTF-8, huge strings, lone surrogates, odd JSON values. */
  @Provide
  Arbitrary<byte[]> rawBodies() {
    Arbitrary<String> text = Arbitraries.oneOf(
        JsonArbitraries.text(),
        Arbitraries.of("", "null", "[]", "\"text\"", "42", "{", "}", "{\"model\":", "{}{}"),
        surrogates(),
        hugeStrings());
    return Arbitraries.frequencyOf(
        Tuple.of(6, text.map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)));
  }

  /** A message whose text holds lone or swapped surrogates written as JSON escapes. */
  private static Arbitrary<String> surrogates() {
    return Arbitraries.of("\\ud800", "\\udfff", "\\udc00\\ud800", "\\ud83d", "\\ud83d\\ude00x")
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(parts -> String.join("a", parts))
        .map(s -> "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"input\":\"" + s
            + "\",\"json_data\":{\"input\":{\"user_inputs\":{\"inputs\":[{\"user_query\":"
            + "{\"query\":\"" + s + "\"}}]}}},\"messages\":[{\"role\":\"user\",\"content\":\""
            + s + "\"}]}");
  }

  /** A body whose message is a string of up to 1 MiB (under the default 20 MiB body limit). */
  private static Arbitrary<String> hugeStrings() {
    return Arbitraries.integers().between(50_000, 1 << 20).map(size -> {
      String big = "ü".repeat(size / 2);
      return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"input\":\"" + big
          + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}";
    });
  }

  @Provide
  Arbitrary<String> deepFields() {
    return Arbitraries.of(
        "tools", "messages", "tool_choice", "metadata", "response_format", "input", "json_data");
  }

  /**
   * A body for {@code route} with a value nested {@code levels} deep in {@code field}, written as
   * text (Jackson's writer refuses to write past 1,000 levels).
   */
  private static String nestedIn(Route route, String field, int levels) {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < levels; i++) {
      deep.append(i % 2 == 0 ? "{\"properties\":" : "[");
    }
    deep.append("\"bottom\"");
    for (int i = levels - 1; i >= 0; i--) {
      deep.append(i % 2 == 0 ? "}" : "]");
    }
    String value = deep.toString();
    String tool = route.shape == Shape.ANTHROPIC
        ? "{\"name\":\"t\",\"input_schema\":" + value + "}"
        : route == Route.CHAT
            ? "{\"type\":\"function\",\"function\":{\"name\":\"t\",\"parameters\":" + value + "}}"
            : "{\"type\":\"function\",\"name\":\"t\",\"parameters\":" + value + "}";
    String messages = "[{\"role\":\"user\",\"content\":\"hi\"}]";
    String input = "\"hi\"";
    String jsonData = "{\"input\":{\"user_inputs\":{\"inputs\":[{\"user_query\":"
        + "{\"query\":\"hi\"}}]}},\"settings\":{\"model_config\":{\"base\":\"auto\"}}}";
    String extra = "";
    switch (field) {
      case "tools" -> extra = ",\"tools\":[" + tool + "]";
      case "messages" -> messages = "[{\"role\":\"user\",\"content\":" + value + "}]";
      case "input" -> input = value;
      case "json_data" ->
        jsonData = "{\"input\":{\"user_inputs\":{\"inputs\":[{\"user_query\":"
            + "{\"query\":\"hi\"}}]}},\"metadata\":" + value + "}";
      default -> extra = ",\"" + field + "\":" + value;
    }
    return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"messages\":" + messages
        + ",\"input\":" + input + ",\"json_data\":" + jsonData
        + ",\"message_type\":\"warp.multi_agent.v1.Request\"" + extra + "}";
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMinLength(1).ofMaxLength(80),
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .numeric()
            .withChars('_', '-')
            .ofLength(24)
            .map(s -> "resp_" + s),
        Arbitraries.of("claude-sonnet-4-5", "gpt-5", "auto", "..", "%00", "resp_"));
  }

  @Provide
  Arbitrary<String> idRoutes() {
    return Arbitraries.of(
        "/v1/responses/{id}",
        "DELETE /v1/responses/{id}",
        "/v1/responses/{id}/input_items",
        "/v1/responses/{id}/input_items?limit=-1&order=sideways&after={id}",
        "/v1/responses/{id}/input_items?limit=99999999999999999999",
        "/v1/models/{id}");
  }
}
