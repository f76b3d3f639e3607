package dev.warp2api.api.anthropic;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.ModelResolver;
import java.util.Optional;
import org.assertj.core.api.Assertions;

/** Test fixtures: JSON bodies, a parser with a small model table, and a check for 400s. */
final class Requests {
  static final ObjectMapper MAPPER = new ObjectMapper();
  /** Knows {@code claude-4-sonnet} and maps {@code claude-sonnet-4-5*} to it; nothing else. */
  static final ModelResolver MODELS =
      name -> name.equals("claude-4-sonnet") || name.startsWith("claude-sonnet-4-5")
          ? Optional.of("claude-4-sonnet")
          : Optional.empty();

  static final AnthropicRequestParser PARSER = new AnthropicRequestParser(MODELS);

  private Requests() {}

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A valid body around a {@code messages} array text. */
  static JsonNode withMessages(String messages) {
    return json("{\"model\":\"claude-4-sonnet\",\"max_tokens\":100,\"messages\":" + messages + "}");
  }

  static ParsedMessages parse(String body) {
    return PARSER.parse(json(body));
  }

  static void rejects(JsonNode body, String param, String messagePart) {
    assertThatThrownBy(() -> PARSER.parse(body))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          Assertions.assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
          Assertions.assertThat(e.param()).isEqualTo(param);
          Assertions.assertThat(e.getMessage()).startsWith(param).contains(messagePart);
        });
  }
}
