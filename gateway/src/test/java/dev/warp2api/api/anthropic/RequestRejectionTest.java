package dev.warp2api.api.anthropic;

import static dev.warp2api.api.anthropic.Requests.json;
import static dev.warp2api.api.anthropic.Requests.rejects;
import static dev.warp2api.api.anthropic.Requests.withMessages;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class RequestRejectionTest {
  private static final String Q = "[{\"role\":\"user\",\"content\":\"q\"}]";

  @Test
  void rejectsMissingOrUnknownModel() {
    rejects(json("{\"max_tokens\":1,\"messages\":" + Q + "}"), "model", "field required");
    rejects(
        json("{\"model\":5,\"max_tokens\":1,\"messages\":" + Q + "}"), "model", "must be a string");
    assertThatThrownBy(() -> Requests.PARSER.parse(
            json("{\"model\":\"gpt-9\",\"max_tokens\":1,\"messages\":" + Q + "}")))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          Assertions.assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND);
          Assertions.assertThat(e.param()).isEqualTo("model");
        });
  }

  @Test
  void rejectsMissingOrWrongMaxTokens() {
    rejects(
        json("{\"model\":\"claude-4-sonnet\",\"messages\":" + Q + "}"),
        "max_tokens",
        "field required");
    rejects(
        json("{\"model\":\"claude-4-sonnet\",\"max_tokens\":0,\"messages\":" + Q + "}"),
        "max_tokens",
        "at least 1");
    rejects(
        json("{\"model\":\"claude-4-sonnet\",\"max_tokens\":\"9\",\"messages\":" + Q + "}"),
        "max_tokens",
        "integer");
    rejects(
        json("{\"model\":\"claude-4-sonnet\",\"max_tokens\":1.5,\"messages\":" + Q + "}"),
        "max_tokens",
        "integer");
  }

  @Test
  void rejectsMissingEmptyOrMistypedMessages() {
    rejects(json("{\"model\":\"claude-4-sonnet\",\"max_tokens\":1}"), "messages", "field required");
    rejects(withMessages("[]"), "messages", "at least one");
    rejects(withMessages("{}"), "messages", "must be an array");
    rejects(
        withMessages("[{\"role\":\"system\",\"content\":\"only system\"}]"),
        "messages",
        "user message");
    rejects(withMessages("[{\"role\":\"tool\",\"content\":\"x\"}]"), "messages[0].role", "'tool'");
    rejects(withMessages("[{\"role\":\"user\"}]"), "messages[0].content", "field required");
    rejects(
        withMessages("[{\"role\":\"user\",\"content\":[]}]"),
        "messages[0].content",
        "must not be empty");
  }

  @Test
  void rejectsAnAssistantPrefillAsTheLastTurn() {
    rejects(
        withMessages(
            "[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"{\"}]"),
        "messages",
        "prefill");
  }

  @Test
  void namesTheFullPathOfABadBlock() {
    String three =
        "{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":\"b\"},"
            + "{\"role\":\"user\",\"content\":\"c\"},";
    rejects(
        withMessages("[" + three
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\"},{\"type\":7}]}]"),
        "messages[3].content[1].type",
        "must be a string");
    rejects(
        withMessages(
            "[" + three
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\"},{\"type\":\"video\"}]}]"),
        "messages[3].content[1].type",
        "unsupported content block type 'video'");
    rejects(
        withMessages("[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]"),
        "messages[0].content[0].text",
        "field required");
    rejects(
        withMessages("[{\"role\":\"user\",\"content\":[\"x\"]}]"),
        "messages[0].content[0]",
        "must be an object");
  }

  @Test
  void rejectsImageUrlsAndBadBase64() {
    rejects(
        withMessages(
            "[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://x/a.png\"}}]}]"),
        "messages[0].content[0].source.type",
        "image URLs are not supported; send base64");
    rejects(
        withMessages(
            "[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"@@@\"}}]}]"),
        "messages[0].content[0].source.data",
        "not valid base64");
  }

  @Test
  void rejectsBlocksInTheWrongRole() {
    rejects(
        withMessages(
            "[{\"role\":\"user\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":{}}]}]"),
        "messages[0].content[0].type",
        "not allowed in a user message");
    rejects(
        withMessages(
            "[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\"}]},"
                + "{\"role\":\"user\",\"content\":\"q\"}]"),
        "messages[1].content[0].type",
        "not allowed in an assistant message");
    rejects(
        withMessages(
            "[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":\"x\"}]},"
                + "{\"role\":\"user\",\"content\":\"q\"}]"),
        "messages[1].content[0].input",
        "must be an object");
  }

  @Test
  void rejectsBadToolsToolChoiceAndThinking() {
    String base = "{\"model\":\"claude-4-sonnet\",\"max_tokens\":1,\"messages\":" + Q + ",";
    rejects(
        json(base + "\"tools\":[{\"name\":\"a\"}]}"), "tools[0].input_schema", "field required");
    rejects(json(base + "\"tools\":{}}"), "tools", "must be an array");
    rejects(json(base + "\"tool_choice\":\"auto\"}"), "tool_choice", "must be an object");
    rejects(
        json(base + "\"tool_choice\":{\"type\":\"sometimes\"}}"),
        "tool_choice.type",
        "'sometimes'");
    rejects(
        json(base + "\"tool_choice\":{\"type\":\"tool\",\"name\":\"nope\"}}"),
        "tool_choice.name",
        "names no custom tool");
    rejects(json(base + "\"thinking\":true}"), "thinking", "must be an object");
    rejects(
        json(base + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":\"lots\"}}"),
        "thinking.budget_tokens",
        "integer");
    rejects(json(base + "\"stream\":\"yes\"}"), "stream", "must be a boolean");
    rejects(json(base + "\"system\":[{\"type\":\"image\"}]}"), "system[0].type", "text blocks");
  }

  @Test
  void toolChoiceAnyWithoutToolsIsRejectedNamingToolChoice() {
    String base = "{\"model\":\"claude-4-sonnet\",\"max_tokens\":1,\"messages\":" + Q + ",";
    rejects(json(base + "\"tool_choice\":{\"type\":\"any\"}}"), "tool_choice", "no tools");
    rejects(
        json(base + "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}],"
            + "\"tool_choice\":{\"type\":\"any\"}}"),
        "tool_choice",
        "no tools");
    rejects(
        json(base + "\"tool_choice\":{\"type\":\"tool\",\"name\":\"Read\"}}"),
        "tool_choice.name",
        "names no custom tool");
  }

  @Test
  void anEmptyLastUserTurnIsRejectedNamingItsContent() {
    rejects(
        withMessages("[{\"role\":\"user\",\"content\":\"\"}]"),
        "messages[0].content",
        "must not be empty");
    rejects(
        withMessages(
            "[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"\"}]}]"),
        "messages[2].content",
        "must not be empty");
    rejects(
        withMessages(
            "[{\"role\":\"user\",\"content\":\" \\n \"},{\"role\":\"system\",\"content\":\"s\"}]"),
        "messages[0].content",
        "must not be empty");
  }

  @Test
  void anEmptyEarlierUserTurnOrAToolResultTurnIsStillAccepted() {
    Requests.PARSER.parse(withMessages(
        "[{\"role\":\"user\",\"content\":\"\"},{\"role\":\"assistant\",\"content\":\"a\"},"
            + "{\"role\":\"user\",\"content\":\"q\"}]"));
    Requests.PARSER.parse(
        withMessages(
            "[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":\"\"}]}]"));
  }
}
