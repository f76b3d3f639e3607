package dev.warp2api.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.api.anthropic.AnthropicRequestParser;
import dev.warp2api.api.anthropic.CountTokens;
import dev.warp2api.api.openai.OpenAiRequestParser;
import dev.warp2api.core.TokenEstimator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same conversation sent in either dialect gets the same local input estimate: there is one
 * estimator.
 */
class BothDialectsEstimateAlikeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ModelCatalog MODELS = new ModelCatalog(Map.of());

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void openAiAndAnthropicRequestsOfOneConversationEstimateTheSameInputTokens() throws Exception {
    JsonNode openAi = json("""
        {"model":"claude-sonnet-4-5","messages":[
          {"role":"system","content":"You are terse. Answer in French."},
          {"role":"user","content":"Weather in Paris? 日本語も"},
          {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
            "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
          {"role":"tool","tool_call_id":"call_1","content":"18C sunny"}],
         "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather of a city",
           "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}""");
    JsonNode anthropic = json("""
        {"model":"claude-sonnet-4-5","max_tokens":100,"system":"You are terse. Answer in French.","messages":[
          {"role":"user","content":"Weather in Paris? 日本語も"},
          {"role":"assistant","content":[{"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"18C sunny"}]}],
         "tools":[{"name":"get_weather","description":"Weather of a city",
           "input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}]}""");

    long fromOpenAi =
        TokenEstimator.ofRequest(new OpenAiRequestParser(MODELS).parse(openAi).chat());
    AnthropicRequestParser parser = new AnthropicRequestParser(MODELS);
    int fromAnthropic = parser.parse(anthropic).estimatedInputTokens();
    JsonNode counted = json(new CountTokens(parser).respond(anthropic));

    assertThat(fromOpenAi).isPositive().isEqualTo(fromAnthropic);
    assertThat(counted.get("input_tokens").asLong()).isEqualTo(fromOpenAi);
  }
}
