package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.FinishReason;
import dev.warp2api.core.Usage;
import dev.warp2api.warp.protocol.pb.LLMProvider;
import dev.warp2api.warp.protocol.pb.ResponseEvent.StreamFinished;
import java.util.List;
import org.junit.jupiter.api.Test;

@SuppressWarnings("deprecation") // conversation_usage_metadata.token_usage is read on purpose
class FinishReasonsTest {
  private static ChatEvent.Finished finish(StreamFinished f) {
    List<ChatEvent> out = new EventTranslator().translate(WarpEvents.finished(f));
    assertThat(out).hasSize(1);
    return (ChatEvent.Finished) out.get(0);
  }

  @Test
  void mapsEveryReason() {
    assertThat(finish(StreamFinished.newBuilder()
                .setDone(StreamFinished.Done.getDefaultInstance())
                .build())
            .reason())
        .isEqualTo(FinishReason.DONE);
    assertThat(finish(StreamFinished.newBuilder()
                .setMaxTokenLimit(StreamFinished.ReachedMaxTokenLimit.getDefaultInstance())
                .build())
            .reason())
        .isEqualTo(FinishReason.MAX_TOKENS);
    assertThat(finish(StreamFinished.newBuilder()
                .setQuotaLimit(StreamFinished.QuotaLimit.getDefaultInstance())
                .build())
            .reason())
        .isEqualTo(FinishReason.QUOTA_LIMIT);
    assertThat(finish(StreamFinished.newBuilder()
                .setContextWindowExceeded(StreamFinished.ContextWindowExceeded.getDefaultInstance())
                .build())
            .reason())
        .isEqualTo(FinishReason.CONTEXT_WINDOW_EXCEEDED);
    assertThat(finish(StreamFinished.newBuilder()
                .setLlmUnavailable(StreamFinished.LLMUnavailable.getDefaultInstance())
                .build())
            .reason())
        .isEqualTo(FinishReason.LLM_UNAVAILABLE);
    assertThat(finish(StreamFinished.newBuilder()
                .setOther(StreamFinished.Other.getDefaultInstance())
                .build())
            .reason())
        .isEqualTo(FinishReason.OTHER);
    ChatEvent.Finished none = finish(StreamFinished.getDefaultInstance());
    assertThat(none)
        .isEqualTo(new ChatEvent.Finished(FinishReason.UNSPECIFIED, Usage.UNKNOWN, null, false));
  }

  @Test
  void carriesTheDetailOfErrorsAndTheRefreshHint() {
    ChatEvent.Finished internal = finish(StreamFinished.newBuilder()
        .setInternalError(StreamFinished.InternalError.newBuilder().setMessage("boom"))
        .setShouldRefreshModelConfig(true)
        .build());
    assertThat(internal)
        .isEqualTo(
            new ChatEvent.Finished(FinishReason.INTERNAL_ERROR, Usage.UNKNOWN, "boom", true));
    ChatEvent.Finished key = finish(StreamFinished.newBuilder()
        .setInvalidApiKey(StreamFinished.InvalidApiKey.newBuilder()
            .setProvider(LLMProvider.LLM_PROVIDER_ANTHROPIC)
            .setModelName("claude-4-5-opus"))
        .build());
    assertThat(key.reason()).isEqualTo(FinishReason.INVALID_API_KEY);
    assertThat(key.detail()).contains("LLM_PROVIDER_ANTHROPIC").contains("claude-4-5-opus");
  }

  @Test
  void derivesOutputFromTotalMinusInputAndAddsPlatformCredits() {
    StreamFinished.ModelTokenUsage u =
        StreamFinished.ModelTokenUsage.newBuilder().setTotalTokens(1000).build();
    ChatEvent.Finished f = finish(StreamFinished.newBuilder()
        .setDone(StreamFinished.Done.getDefaultInstance())
        .setRequestCost(
            StreamFinished.RequestCost.newBuilder().setExact(1.5f).setPlatformCredits(0.1f))
        .setConversationUsageMetadata(StreamFinished.ConversationUsageMetadata.newBuilder()
            .putWarpTokenUsage("A", u)
            .putByokTokenUsage("B", u.toBuilder().setTotalTokens(500).build())
            .addTokenUsage(u)
            .setTotalInputTokens(1200))
        .build());
    assertThat(f.usage()).isEqualTo(new Usage(1200, 300, 1500, 1.6));
  }

  @Test
  void leavesOutputUnknownWhenInputExceedsTotal() {
    ChatEvent.Finished f = finish(StreamFinished.newBuilder()
        .setConversationUsageMetadata(StreamFinished.ConversationUsageMetadata.newBuilder()
            .addTokenUsage(StreamFinished.ModelTokenUsage.newBuilder().setTotalTokens(10))
            .setTotalInputTokens(20))
        .build());
    assertThat(f.usage()).isEqualTo(new Usage(20, -1, 10, -1));
  }
}
