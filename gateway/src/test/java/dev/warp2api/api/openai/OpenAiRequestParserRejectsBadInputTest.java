package dev.warp2api.api.openai;

import static dev.warp2api.api.openai.OpenAiFixtures.assertInvalid;
import static dev.warp2api.api.openai.OpenAiFixtures.withMessages;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      "temperature":"hot"            | temperature         | must be a number, got a string
      "top_p":"x"                    | top_p               | must be a number
      "seed":"x"                     | seed                | must be an integer
      "seed":1.5                     | seed                | must be an integer
      "stop":5                       | stop                | must be a string or an array of strings
      "stop":["END",5]               | stop[1]             | must be a string, got a number
      "presence_penalty":"x"         | presence_penalty    | must be a number
      "frequency_penalty":[]         | frequency_penalty   | must be a number, got an array
      "logit_bias":[]                | logit_bias          | must be an object of numbers
      "logit_bias":{"50256":"SECRETish"} | logit_bias      | got a value that is a string
      "user":5                       | user                | must be a string
      "response_format":"json"       | response_format     | must be an object
      "parallel_tool_calls":"no"     | parallel_tool_calls | must be a boolean
      "logprobs":"yes"               | logprobs            | must be a boolean
      "top_logprobs":"3"             | top_logprobs        | must be an integer
      "metadata":5                   | metadata            | must be an object of strings
      "metadata":{"k":1}             | metadata            | got a value that is a number
      "store":"true"                 | store               | must be a boolean
      "service_tier":1               | service_tier        | must be a string
      "prediction":"x"               | prediction          | must be an object
      "modalities":"text"            | modalities          | must be an array of strings
      "audio":true                   | audio               | must be an object
      "max_completion_tokens":"x"    | max_completion_tokens | must be an integer
      """)
  void ignoredFieldsOfTheWrongTypeAreA400NamingThem(
      String field, String param, String messagePart) {
    assertInvalid(
        "{\"model\":\"auto\",\"messages\":[" + USER + "]," + field + "}", param, messagePart);
  }

  @Test
  void ignoredFieldsOfTheDocumentedTypeOrNullAndUnknownFieldsOfAnyTypeAreAccepted() {
    OpenAiFixtures.parse(
        "{\"model\":\"auto\",\"messages\":[" + USER + "],\"temperature\":1,\"top_p\":0.5,"
            + "\"seed\":7,\"stop\":\"END\",\"presence_penalty\":-1.5,\"frequency_penalty\":0,\"logit_bias\":{\"1\":-100},"
            + "\"user\":\"u\",\"response_format\":{\"type\":\"json_object\"},\"parallel_tool_calls\":false,"
            + "\"logprobs\":true,\"top_logprobs\":2,\"metadata\":{\"k\":\"v\"},\"store\":false,\"service_tier\":\"auto\","
            + "\"prediction\":{\"type\":\"content\",\"content\":\"x\"},\"modalities\":[\"text\"],\"audio\":{},"
            + "\"verbosity\":5,\"cache_control\":[1],\"web_search_options\":\"x\"}");
    OpenAiFixtures.parse(
        "{\"model\":\"auto\",\"messages\":[" + USER + "],\"temperature\":null,\"top_p\":null,"
            + "\"seed\":null,\"stop\":null,\"logit_bias\":null,\"user\":null,\"response_format\":null,"
            + "\"parallel_tool_calls\":null,\"logprobs\":null,\"top_logprobs\":null,\"metadata\":null}");
  }

  @Test
  void rejectsABodyThatIsNotAnObject() {
    assertInvalid("[1,2]", null, "JSON object");
  }

  @Test
  void unknownModelIsModelNotFoundNamingTheModel() {
    assertThatThrownBy(
            () -> OpenAiFixtures.parse("{\"model\":\"gpt-17\",\"messages\":[" + USER + "]}"))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          Assertions.assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND);
          Assertions.assertThat(e.param()).isEqualTo("model");
          Assertions.assertThat(e.safeMessage()).isEqualTo("The model `gpt-17` does not exist");
        });
  }
}
