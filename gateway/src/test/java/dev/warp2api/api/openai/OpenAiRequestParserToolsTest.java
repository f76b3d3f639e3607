package dev.warp2api.api.openai;

import static dev.warp2api.api.openai.OpenAiFixtures.json;
import static dev.warp2api.api.openai.OpenAiFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ToolChoice;
import dev.warp2api.core.ToolSpec;
import org.junit.jupiter.api.Test;

class OpenAiRequestParserToolsTest {
  private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

  private static ParsedChat withTools(String extra) {
    return parse("{\"model\":\"auto\"," + MESSAGES + "," + extra + "}");
  }

  @Test
  void readsFunctionToolsKeepingTheSchemaAsSent() {
    ParsedChat p = withTools("""
        "tools":[{"type":"function","function":{"name":"read","description":"Read a file","strict":true,
          "parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}}]""");
    assertThat(p.chat().tools())
        .containsExactly(
            new ToolSpec(
                "read",
                "Read a file",
                (ObjectNode)
                    json(
                        "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}")));
    assertThat(p.chat().toolChoice()).isEqualTo(ToolChoice.AUTO);
  }

  @Test
  void givesAToolWithoutParametersAnEmptyObjectSchema() {
    ToolSpec spec = withTools("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"now\"}}]")
        .chat()
        .tools()
        .getFirst();
    assertThat(spec.description()).isEmpty();
    assertThat(spec.inputSchema()).isEqualTo(json("{\"type\":\"object\",\"properties\":{}}"));
  }

  @Test
  void appendsLegacyFunctionsAfterTools() {
    ParsedChat p = withTools("""
        "tools":[{"type":"function","function":{"name":"a"}}],
        "functions":[{"name":"b","description":"old style","parameters":{"type":"object"}}]""");
    assertThat(p.chat().tools()).extracting(ToolSpec::name).containsExactly("a", "b");
    assertThat(p.chat().tools().get(1).description()).isEqualTo("old style");
  }

  @Test
  void readsEveryToolChoiceForm() {
    String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"a\"}}],";
    assertThat(withTools(tools + "\"tool_choice\":\"auto\"").chat().toolChoice())
        .isEqualTo(ToolChoice.AUTO);
    assertThat(withTools(tools + "\"tool_choice\":\"none\"").chat().toolChoice())
        .isEqualTo(ToolChoice.NONE);
    assertThat(withTools(tools + "\"tool_choice\":\"required\"").chat().toolChoice())
        .isEqualTo(ToolChoice.REQUIRED);
    assertThat(withTools(
                tools + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"a\"}}")
            .chat()
            .toolChoice())
        .isEqualTo(ToolChoice.tool("a"));
    assertThat(withTools(tools + "\"tool_choice\":null").chat().toolChoice())
        .isEqualTo(ToolChoice.AUTO);
  }

  @Test
  void readsTheLegacyFunctionCallChoice() {
    String functions = "\"functions\":[{\"name\":\"b\"}],";
    assertThat(withTools(functions + "\"function_call\":\"none\"").chat().toolChoice())
        .isEqualTo(ToolChoice.NONE);
    assertThat(
            withTools(functions + "\"function_call\":{\"name\":\"b\"}").chat().toolChoice())
        .isEqualTo(ToolChoice.tool("b"));
  }

  @Test
  void acceptsNEqualToOneAndLogprobsWithoutEffect() {
    ParsedChat p = withTools("\"n\":1,\"logprobs\":true,\"top_logprobs\":3");
    assertThat(p.chat().messages()).hasSize(1);
  }
}
