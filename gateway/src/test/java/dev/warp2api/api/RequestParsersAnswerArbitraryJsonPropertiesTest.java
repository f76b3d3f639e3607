package dev.warp2api.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.api.anthropic.AnthropicErrors;
import dev.warp2api.api.anthropic.AnthropicTranslation;
import dev.warp2api.api.openai.OpenAiDialect;
import dev.warp2api.api.openai.OpenAiErrors;
import dev.warp2api.api.openai.OpenAiTranslation;
import dev.warp2api.api.responses.ResponseStore;
import dev.warp2api.api.responses.ResponsesApi;
import dev.warp2api.config.ResponseStoreLimits;
import dev.warp2api.config.SettingsLoader;
import dev.warp2api.core.GatewayException;
import dev.warp2api.warp.protocol.BuildOptions;
import dev.warp2api.warp.protocol.RequestBuilder;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Generated request bodies (random shapes, types, nesting and unicode, built from the fields the
 * dialects read so that they get past the first checks) reach every dialect's parser and the Warp
 * request builder: each is accepted or refused with a 4xx error in the dialect's own shape, never
 * anything else (no 5xx, no other exception, no stack overflow). The routes run exactly these two
 * steps before a request leaves for Warp.
 */
class RequestParsersAnswerArbitraryJsonPropertiesTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ModelCatalog CATALOG =
      ModelCatalog.from(SettingsLoader.load(Map.of(), Path.of("/nonexistent")).settings());
  private static final ChatTranslation OPENAI =
      new OpenAiTranslation(new OpenAiDialect(CATALOG, Clock.systemUTC()));
  private static final ChatTranslation ANTHROPIC = new AnthropicTranslation(CATALOG);
  private static final ChatTranslation RESPONSES = new ResponsesApi(
          CATALOG,
          new ResponseStore(tempDir(), ResponseStoreLimits.DEFAULTS, Clock.systemUTC()),
          Clock.systemUTC())
      .translation("property-tests");

  /** The field names the dialects read, at any level, so that generated bodies go deep. */
  private static final List<String> FIELDS = List.of(
      "model",
      "messages",
      "role",
      "content",
      "type",
      "text",
      "name",
      "tools",
      "tool_choice",
      "tool_calls",
      "tool_call_id",
      "tool_use_id",
      "function",
      "arguments",
      "parameters",
      "input_schema",
      "properties",
      "input",
      "id",
      "system",
      "stream",
      "stream_options",
      "include_usage",
      "max_tokens",
      "max_completion_tokens",
      "max_output_tokens",
      "temperature",
      "thinking",
      "budget_tokens",
      "image_url",
      "url",
      "source",
      "data",
      "media_type",
      "instructions",
      "output",
      "call_id",
      "summary",
      "reasoning",
      "store",
      "previous_response_id",
      "metadata",
      "is_error",
      "cache_control",
      "response_format",
      "json_schema",
      "schema",
      "format",
      "namespace",
      "disable_parallel_tool_use",
      "parallel_tool_calls");

  /** Values the dialects give meaning to, mixed with arbitrary text. */
  private static final List<String> WORDS = List.of(
      "user",
      "assistant",
      "system",
      "developer",
      "tool",
      "function",
      "text",
      "image",
      "image_url",
      "input_text",
      "output_text",
      "input_image",
      "tool_use",
      "tool_result",
      "thinking",
      "function_call",
      "function_call_output",
      "custom",
      "custom_tool_call",
      "message",
      "reasoning",
      "base64",
      "image/png",
      "auto",
      "any",
      "none",
      "required",
      "enabled",
      "object",
      "string",
      "claude-4-5-sonnet",
      "claude-sonnet-4-5",
      "gpt-5",
      "auto-efficient",
      "data:image/png;base64,iVBORw0KGgo=",
      "{\"a\":1}",
      "");

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("w2a-props");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Property(tries = 200)
  void openAiChatBodiesAreAcceptedOrRefusedWithA4xx(@ForAll("bodies") JsonNode body) {
    acceptedOrRefused(OPENAI, Dialect.OPENAI, body);
  }

  @Property(tries = 200)
  void anthropicMessagesBodiesAreAcceptedOrRefusedWithA4xx(@ForAll("bodies") JsonNode body) {
    acceptedOrRefused(ANTHROPIC, Dialect.ANTHROPIC, body);
  }

  @Property(tries = 200)
  void responsesBodiesAreAcceptedOrRefusedWithA4xx(@ForAll("bodies") JsonNode body) {
    acceptedOrRefused(RESPONSES, Dialect.OPENAI, body);
  }

  @Property(tries = 200)
  void arbitraryBodyBytesAreAnObjectOrA400(@ForAll("text") String text) {
    try {
      JsonNode parsed =
          ChatExchange.parseJson(Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)));
      assertThat(parsed.isObject()).isTrue();
    } catch (GatewayException e) {
      assertThat(ErrorStatus.of(e.kind())).isEqualTo(400);
    }
  }

  @Property(tries = 60)
  void deeplyNestedValuesAreRefusedWithA4xx(
      @ForAll("deep") JsonNode deep, @ForAll("fieldOfDeep") String where) {
    ObjectNode body = (ObjectNode) baseBody();
    switch (where) {
      case "tool" ->
        body.putArray("tools")
            .addObject()
            .put("type", "function")
            .put("name", "t")
            .set("input_schema", deep);
      case "message" -> ((ObjectNode) body.withArray("messages").get(0)).set("content", deep);
      default -> body.set(where, deep);
    }
    for (ChatTranslation t : List.of(OPENAI, ANTHROPIC, RESPONSES)) {
      acceptedOrRefused(t, t == ANTHROPIC ? Dialect.ANTHROPIC : Dialect.OPENAI, body);
    }
  }

  /** Parse and build the Warp request: both succeed, or a 4xx in the dialect's error shape. */
  private static void acceptedOrRefused(
      ChatTranslation translation, Dialect dialect, JsonNode body) {
    try {
      ChatTranslation.Parsed parsed = translation.parse(body);
      assertThat(RequestBuilder.build(parsed.chat(), BuildOptions.defaults()).toByteArray())
          .isNotEmpty();
    } catch (GatewayException e) {
      assertThat(ErrorStatus.of(e.kind())).as(e.safeMessage()).isBetween(400, 499);
      String shaped = dialect == Dialect.ANTHROPIC
          ? AnthropicErrors.body(e, "req-1")
          : OpenAiErrors.body(e).toString();
      assertThat(shaped).contains("\"message\"");
    }
  }

  private static JsonNode baseBody() {
    ObjectNode body = NODES.objectNode();
    body.put("model", "claude-sonnet-4-5").put("max_tokens", 16);
    body.putArray("messages").addObject().put("role", "user").put("content", "hi");
    body.putArray("input").addObject().put("role", "user").put("content", "hi");
    return body;
  }

  @Provide
  Arbitrary<JsonNode> bodies() {
    Arbitrary<JsonNode> value = json(4);
    Arbitrary<String> key = Arbitraries.frequencyOf(
        Tuple.of(9, Arbitraries.of(FIELDS)), Tuple.of(1, Arbitraries.strings().ofMaxLength(8)));
    return Arbitraries.maps(key, value).ofMaxSize(8).map(fields -> {
      ObjectNode body = NODES.objectNode();
      body.put("model", "claude-sonnet-4-5");
      fields.forEach(body::set);
      return body;
    });
  }

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(200),
        bodies().map(JsonNode::toString).map(s -> s.substring(0, s.length() / 2)),
        bodies().map(JsonNode::toString));
  }

  @Provide
  Arbitrary<JsonNode> deep() {
    return Arbitraries.integers().between(30, 1200).map(levels -> {
      JsonNode node = NODES.textNode("bottom");
      for (int i = 0; i < levels; i++) {
        node = i % 2 == 0
            ? NODES.objectNode().set("properties", node)
            : NODES.arrayNode().add(node);
      }
      return node;
    });
  }

  @Provide
  Arbitrary<String> fieldOfDeep() {
    return Arbitraries.of("tool", "message", "tool_choice", "metadata", "response_format");
  }

  /** Any JSON value up to {@code depth} levels, objects keyed mostly by the dialects' fields. */
  private static Arbitrary<JsonNode> json(int depth) {
    Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
        Arbitraries.of(WORDS).map(NODES::textNode),
        Arbitraries.strings().ofMaxLength(24).map(NODES::textNode),
        Arbitraries.integers().map(NODES::numberNode),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.doubles().map(NODES::numberNode),
        Arbitraries.of(true, false).map(NODES::booleanNode),
        Arbitraries.just(NODES.nullNode()));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<JsonNode> inner = json(depth - 1);
    Arbitrary<JsonNode> array = inner.list().ofMaxSize(4).map(items -> {
      ArrayNode a = NODES.arrayNode();
      items.forEach(a::add);
      return a;
    });
    Arbitrary<String> key = Arbitraries.frequencyOf(
        Tuple.of(9, Arbitraries.of(FIELDS)), Tuple.of(1, Arbitraries.strings().ofMaxLength(8)));
    Arbitrary<JsonNode> object = Arbitraries.maps(key, inner).ofMaxSize(5).map(fields -> {
      ObjectNode o = NODES.objectNode();
      fields.forEach(o::set);
      return o;
    });
    return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(2, array), Tuple.of(3, object));
  }
}
