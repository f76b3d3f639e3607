package dev.warp2api.e2e.openai;

import static dev.warp2api.e2e.openai.OpenAiE2e.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.StackWithClient;
import dev.warp2api.testing.TestStack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The official openai-java SDK chats through the gateway and the simulator, streamed and not. */
class SdkTextChatTest {
  @AutoClose
  private final StackWithClient<OpenAIClient> e2e = OpenAiE2e.startWithSdk();

  private final TestStack stack = e2e.stack();
  private final OpenAIClient client = e2e.client();

  private static ChatCompletionCreateParams.Builder params() {
    return ChatCompletionCreateParams.builder()
        .model(MODEL)
        .addSystemMessage("Be brief.")
        .addUserMessage("Capital of France?");
  }

  @Test
  void nonStreamingCompletionCarriesTextFinishReasonAndUsage() {
    stack.sim.enqueue(SimReply.text("Paris is the capital of France.").inDeltas(3));
    ChatCompletion c = client.chat().completions().create(params().build());
    assertThat(c.model()).isEqualTo(MODEL);
    assertThat(c.choices()).hasSize(1);
    assertThat(c.choices().get(0).message().content()).contains("Paris is the capital of France.");
    assertThat(c.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    var usage = c.usage().orElseThrow();
    assertThat(usage.promptTokens()).isPositive();
    assertThat(usage.completionTokens()).isPositive();
    assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
  }

  @Test
  void streamAccumulatesToTheWholeAnswerWithoutUsageChunkWhenNotAsked() {
    stack.sim.enqueue(SimReply.text("Paris, on the Seine.").inDeltas(4));
    ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> s =
        client.chat().completions().createStreaming(params().build())) {
      s.stream().forEach(chunk -> chunks.add(acc.accumulate(chunk)));
    }
    ChatCompletion c = acc.chatCompletion();
    assertThat(c.choices().get(0).message().content()).contains("Paris, on the Seine.");
    assertThat(c.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(chunks).allSatisfy(chunk -> {
      assertThat(chunk.choices()).hasSize(1);
      assertThat(chunk.usage()).isEmpty();
      assertThat(chunk.id()).isEqualTo(chunks.get(0).id());
      assertThat(chunk.created()).isEqualTo(chunks.get(0).created());
    });
    assertThat(chunks.get(0).choices().get(0).delta().role()).isPresent();
  }

  @Test
  void streamWithIncludeUsageEndsWithOneUsageChunkWithEmptyChoices() {
    stack.sim.enqueue(SimReply.text("Paris.").inDeltas(2));
    ChatCompletionCreateParams p = params()
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
        .build();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(p)) {
      s.stream().forEach(chunk -> chunks.add(acc.accumulate(chunk)));
    }
    assertThat(acc.chatCompletion().choices().get(0).message().content()).contains("Paris.");
    assertThat(acc.chatCompletion().usage()).isPresent();
    ChatCompletionChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.choices()).isEmpty();
    var usage = last.usage().orElseThrow();
    assertThat(usage.totalTokens())
        .isPositive()
        .isEqualTo(usage.promptTokens() + usage.completionTokens());
    assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(chunk -> {
      assertThat(chunk.choices()).hasSize(1);
      assertThat(chunk.usage()).isEmpty();
    });
    assertThat(chunks.get(chunks.size() - 2).choices().get(0).finishReason())
        .contains(ChatCompletionChunk.Choice.FinishReason.STOP);
  }
}
