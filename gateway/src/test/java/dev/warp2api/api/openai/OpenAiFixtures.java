package dev.warp2api.api.openai;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.api.ModelCatalog;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.assertj.core.api.Assertions;

/** Shared test fixtures: JSON parsing and a parser over the built-in catalogue. */
final class OpenAiFixtures {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final ResponseIdentity IDENTITY = new ResponseIdentity("chatcmpl-test", 1_700_000_000L);

  private OpenAiFixtures() {}

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static OpenAiRequestParser parser() {
    return new OpenAiRequestParser(new ModelCatalog(Map.of()));
  }

  static ParsedChat parse(String body) {
    return parser().parse(json(body));
  }

  /** A minimal valid body with {@code messages} replaced. */
  static String withMessages(String messagesJson) {
    return "{\"model\":\"auto\",\"messages\":" + messagesJson + "}";
  }

  static void assertInvalid(String body, String param, String messagePart) {
    assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(GatewayException.class, e -> {
      Assertions.assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      Assertions.assertThat(e.param()).isEqualTo(param);
      Assertions.assertThat(e.safeMessage()).contains(messagePart);
    });
  }
}
