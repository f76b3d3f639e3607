package dev.warp2api.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.warp2api.testing.JsonArbitraries;
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
    return JsonArbitraries.bodies();
  }

  @Provide
  Arbitrary<String> text() {
    return JsonArbitraries.text();
  }

  @Provide
  Arbitrary<JsonNode> deep() {
    return JsonArbitraries.deep(30, 1200);
  }

  @Provide
  Arbitrary<String> fieldOfDeep() {
    return Arbitraries.of("tool", "message", "tool_choice", "metadata", "response_format");
  }
}
