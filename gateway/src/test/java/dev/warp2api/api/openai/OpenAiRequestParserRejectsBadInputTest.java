package dev.warp2api.api.openai;

import static dev.warp2api.api.openai.OpenAiFixtures.assertInvalid;
import static dev.warp2api.api.openai.OpenAiFixtures.withMessages;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OpenAiRequestParserRejectsBadInputTest {
  private static final String USER = "{\"role\":\"user\",\"content\":\"hi\"}";

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"messages":[{"role":"user","content":"hi"}]}                          | model                 | is required
      {"model":5,"messages":[{"role":"user","content":"hi"}]}                | model                 | must be a string
      {"model":"auto"}                                                         | messages              | is required
      {"model":"auto","messages":{}}                                           | messages              | must be an array
      {"model":"auto","messages":[]}                                           | messages              | at least one
      {"model":"auto","messages":[{"role":"system","content":"s"}]}            | messages              | user or tool
      {"model":"auto","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"x"}]} | messages | ends with an assistant
      {"model":"auto","messages":[{"role":"user","content":"hi"}],"n":2}       | n                     | must be 1
      {"model":"auto","messages":[{"role":"user","content":"hi"}],"stream":"yes"} | stream             | must be a boolean
      {"model":"auto","messages":[{"role":"user","content":"hi"}],"stream_options":{"include_usage":1}} | stream_options.include_usage | must be a boolean
      {"model":"auto","messages":[{"role":"user","content":"hi"}],"max_tokens":-5} | max_tokens        | must be between
      {"model":"auto","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":"9"} | max_completion_tokens | must be an integer
      {"model":"auto","messages":[{"role":"user","content":"hi"}],"tools":{}}  | tools                 | must be an array
      {"model":"auto","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"description":"d"}}]} | tools[0].function.name | is required
      {"model":"auto","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"web_search"}]} | tools[0].type | must be `function`
      {"model":"auto","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"a","parameters":"x"}}]} | tools[0].function.parameters | JSON Schema object
      {"model":"auto","messages":[{"role":"user","content":"hi"}],"tools":[{"function":{"name":"a"}},{"function":{"name":"a"}}]} | tools[1].function.name | unique
      {"model":"auto","messages":[{"role":"user","content":"hi"}],"tool_choice":"sometimes"} | tool_choice | must be `auto`
      {"model":"auto","messages":[{"role":"user","content":"hi"}],"tool_choice":{"type":"function","function":{"name":"nope"}}} | tool_choice.function.name | not among
      """)
  void rejectsTopLevelProblemsNamingTheField(String body, String param, String messagePart) {
    assertInvalid(body, param, messagePart);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', textBlock = """
      [{"role":"user","content":"hi"},"oops"]                                 | messages[1]               | must be an object
      [{"content":"hi"}]                                                      | messages[0].role          | is required
      [{"role":"critic","content":"hi"}]                                      | messages[0].role          | unknown role `critic`
      [{"role":"user","content":"a"},{"role":"user"},{"role":"user","content":7}] | messages[1].content   | is required
      [{"role":"user","content":"a"},{"role":"user","content":"b"},{"role":"user","content":7}] | messages[2].content | must be a string or an array
      [{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x.test/a.png"}}]}] | messages[0].content[0].image_url.url | image URLs must be data: URLs
      [{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,@@@"}}]}] | messages[0].content[0].image_url.url | not valid base64
      [{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:text/plain;base64,AQID"}}]}] | messages[0].content[0].image_url.url | image media type
      [{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"x","format":"wav"}}]}] | messages[0].content[0] | `input_audio`
      [{"role":"user","content":[{"type":"file","file":{"file_id":"f"}}]}]    | messages[0].content[0]    | `file`
      [{"role":"user","content":[{"type":"text"}]}]                           | messages[0].content[0].text | is required
      [{"role":"user","content":"q"},{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f"}}]},{"role":"tool","tool_call_id":"c","content":""}] | messages[1].tool_calls[0].id | is required
      [{"role":"user","content":"q"},{"role":"assistant","tool_calls":[{"id":"c","function":{"name":"f","arguments":5}}]},{"role":"tool","tool_call_id":"c","content":""}] | messages[1].tool_calls[0].function.arguments | JSON string
      [{"role":"user","content":"q"},{"role":"tool","content":"r"}]          | messages[1].tool_call_id  | is required
      [{"role":"system","content":5},{"role":"user","content":"q"}]          | messages[0].content       | must be a string
      """)
  void rejectsMessageProblemsNamingThePath(String messages, String param, String messagePart) {
    assertInvalid(withMessages(messages), param, messagePart);
  }

  @Test
  void rejectsABodyThatIsNotAnObject() {
    assertInvalid("[1,2]", null, "JSON object");
  }

  @Test
  void unknownModelIsModelNotFoundNamingTheModel() {
    assertThatThrownBy(() -> OpenAiFixtures.parse("{\"model\":\"gpt-17\",\"messages\":[" + USER + "]}"))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          org.assertj.core.api.Assertions.assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND);
          org.assertj.core.api.Assertions.assertThat(e.param()).isEqualTo("model");
          org.assertj.core.api.Assertions.assertThat(e.safeMessage()).isEqualTo("The model `gpt-17` does not exist");
        });
  }
}
