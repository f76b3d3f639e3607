package dev.warp2api.api.openai;

import static dev.warp2api.api.openai.OpenAiFixtures.IDENTITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import com.openai.core.RequestOptions;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.FinishReason;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.ToolCall;
import dev.warp2api.core.Usage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The official openai-java SDK, with strict response validation, parses what we render. The SDK's
 * HTTP client is replaced by one that answers with our text, so no network is involved.
 */
class OpenAiJavaSdkAcceptsOutputTest {
  private static final ChatCompletionCreateParams PARAMS =
      ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("hi").build();

  private record CannedHttp(int status, String contentType, String body) implements HttpClient {
    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions options) {
      return new HttpResponse() {
        public int statusCode() {
          return status;
        }

        public Headers headers() {
          return Headers.builder().put("content-type", contentType).build();
        }

        public InputStream body() {
          return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        }

        public void close() {}
      };
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(
        HttpRequest request, RequestOptions options) {
      return CompletableFuture.completedFuture(execute(request, options));
    }

    @Override
    public void close() {}
  }

  private static OpenAIClient client(int status, String contentType, String body) {
    return new OpenAIClientImpl(ClientOptions.builder()
        .httpClient(new CannedHttp(status, contentType, body))
        .apiKey("test")
        .maxRetries(0)
        .responseValidation(true)
        .checkJacksonVersionCompatibility(false)
        .build());
  }

  private static String toolCallStream() {
    OpenAiStreamRenderer r = new OpenAiStreamRenderer(IDENTITY, "gpt-4o", true, 20);
    return r.head()
        + r.onEvent(new ChatEvent.ReasoningDelta("hmm"))
        + r.onEvent(new ChatEvent.TextDelta("Checking."))
        + r.keepAlive()
        + r.onEvent(new ChatEvent.ToolCallEvent(
            new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")))
        + r.onEvent(new ChatEvent.ToolCallEvent(new ToolCall("call_2", "get_time", "{}")))
        + r.onEvent(
            new ChatEvent.Finished(FinishReason.DONE, new Usage(100, 7, 107, 1), null, false));
  }

  @Test
  void sdkAccumulatesOurStreamIntoTwoSeparateToolCallsWithUsage() {
    ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
    List<ChatCompletionChunk> chunks;
    try (var stream = client(200, "text/event-stream", toolCallStream())
        .chat()
        .completions()
        .createStreaming(PARAMS)) {
      chunks = stream.stream().peek(acc::accumulate).toList();
    }
    assertThat(chunks).hasSize(9);
    assertThat(chunks.getLast().choices()).isEmpty();
    ChatCompletion done = acc.chatCompletion();
    var message = done.choices().getFirst().message();
    assertThat(message.content()).contains("Checking.");
    var calls = message.toolCalls().orElseThrow();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).asFunction().function().name()).isEqualTo("get_weather");
    assertThat(calls.get(0).asFunction().function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(calls.get(1).asFunction().id()).isEqualTo("call_2");
    assertThat(done.choices().getFirst().finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    assertThat(done.usage().orElseThrow().totalTokens()).isEqualTo(107);
  }

  @Test
  void sdkRaisesOnOurMidStreamErrorEvent() {
    OpenAiStreamRenderer r = new OpenAiStreamRenderer(IDENTITY, "gpt-4o", false, 0);
    String text = r.head()
        + r.onEvent(new ChatEvent.TextDelta("part"))
        + r.error(
            new GatewayException(ErrorKind.UPSTREAM_FAILED, "Upstream failure: Warp answered 500"));
    assertThatThrownBy(() -> {
          try (var stream =
              client(200, "text/event-stream", text).chat().completions().createStreaming(PARAMS)) {
            stream.stream().toList();
          }
        })
        .isInstanceOf(OpenAIException.class)
        .hasMessageContaining("Warp answered 500");
  }

  @Test
  void sdkParsesOurNonStreamCompletion() {
    OpenAiResponseAggregator a = new OpenAiResponseAggregator(IDENTITY, "gpt-4o", 20);
    a.accept(new ChatEvent.ToolCallEvent(new ToolCall("call_1", "get_weather", "{}")));
    a.accept(new ChatEvent.Finished(FinishReason.DONE, Usage.UNKNOWN, null, false));
    ChatCompletion completion =
        client(200, "application/json", a.json()).chat().completions().create(PARAMS);
    assertThat(completion.id()).isEqualTo("chatcmpl-test");
    assertThat(completion.choices().getFirst().message().content()).isEmpty();
    assertThat(completion.choices().getFirst().message().toolCalls().orElseThrow())
        .hasSize(1);
  }

  @Test
  void sdkMapsOurModelNotFoundBody() {
    String body = OpenAiErrors.json(
        GatewayException.about(ErrorKind.MODEL_NOT_FOUND, "The model `x` does not exist", "model"));
    assertThatThrownBy(
            () -> client(404, "application/json", body).chat().completions().create(PARAMS))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.getMessage()).contains("The model `x` does not exist");
          assertThat(e.code()).contains("model_not_found");
        });
  }
}
