package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.warp.protocol.pb.ResponseEvent;
import dev.warp2api.warp.protocol.pb.ResponseEvent.StreamFinished;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The 2026-01 {@code finished} event (the capture's last, docs/PROTOCOL.md 'Event sequence') and
 * its 2025-08 reading.
 */
class FinishedEvent2026Test {
  static final String MODEL = "Claude Opus 4.5";

  static ResponseEvent finished() {
    var zero = StreamFinished.ToolCallStats.getDefaultInstance();
    var tools = StreamFinished.ToolUsageMetadata.newBuilder()
        .setRunCommandStats(StreamFinished.RunCommandStats.getDefaultInstance())
        .setReadFilesStats(zero)
        .setGrepStats(zero)
        .setCallMcpToolStats(zero);
    @SuppressWarnings("deprecation")
    var usage = StreamFinished.ConversationUsageMetadata.newBuilder()
        .setContextWindowUsage(0.07851f)
        .setSummarized(false)
        .setCreditsSpent(1f)
        .addTokenUsage(
            StreamFinished.ModelTokenUsage.newBuilder().setModelId(MODEL).setTotalTokens(15702))
        .setToolUsageMetadata(tools)
        .putWarpTokenUsage(
            MODEL,
            StreamFinished.ModelTokenUsage.newBuilder()
                .setTotalTokens(15702)
                .putTokenUsageByCategory("primary_agent", 15702)
                .build());
    return ResponseEvent.newBuilder()
        .setFinished(StreamFinished.newBuilder()
            .setDone(StreamFinished.Done.getDefaultInstance())
            .setRequestCost(StreamFinished.RequestCost.newBuilder().setExact(1f))
            .setConversationUsageMetadata(usage))
        .build();
  }

  @Test
  @SuppressWarnings("deprecation")
  void decodesWithOurSchemaWithoutLoss() throws Exception {
    var decoded = ResponseEvent.parseFrom(finished().toByteArray());
    assertThat(UnknownFields.paths(decoded)).isEmpty();
    assertThat(decoded).isEqualTo(finished());
    var f = decoded.getFinished();
    assertThat(f.hasDone()).isTrue();
    assertThat(f.getRequestCost().getExact()).isEqualTo(1f);
    assertThat(f.getTokenUsageList())
        .as("internal field 8 is absent on the wire")
        .isEmpty();
    var usage = f.getConversationUsageMetadata();
    assertThat(usage.getTokenUsage(0).getTotalTokens()).isEqualTo(15702);
    assertThat(usage.getWarpTokenUsageOrThrow(MODEL).getTokenUsageByCategoryMap())
        .containsExactly(Map.entry("primary_agent", 15702));
    assertThat(usage.getToolUsageMetadata().hasCallMcpToolStats()).isTrue();
  }

  @Test
  @SuppressWarnings("deprecation")
  void legacyContextWindowInfoReaderStillReadsFields1And2AndKeepsTheRest() throws Exception {
    var field11 = ResponseEvent.parseFrom(finished().toByteArray())
        .getFinished()
        .getConversationUsageMetadata()
        .toByteString();
    var legacy = StreamFinished.ContextWindowInfo.parseFrom(field11);
    assertThat(legacy.getContextWindowUsage()).isEqualTo(0.07851f);
    assertThat(legacy.getSummarized()).isFalse();
    assertThat(legacy.getUnknownFields().asMap()).containsOnlyKeys(3, 4, 5, 6);
    assertThat(legacy.toByteString())
        .as("unknown fields survive a legacy round trip")
        .isEqualTo(field11);
  }

  @Test
  void acceptsExplicitlySerialisedZeroValuesLikeTheGoServer() throws Exception {
    // context_window_usage 0.5f, summarized:false written explicitly (10 00), credits 0 written
    // explicitly.
    byte[] wire = HexFormat.of().parseHex("0d0000003f" + "1000" + "1d00000000");
    var usage = StreamFinished.ConversationUsageMetadata.parseFrom(wire);
    assertThat(usage.getContextWindowUsage()).isEqualTo(0.5f);
    assertThat(usage.getSummarized()).isFalse();
    assertThat(usage.getUnknownFields().asMap()).isEmpty();
  }

  @Test
  void newFinishReasonsAndRequestCostFieldsHaveTheirNumbers() {
    assertThat(StreamFinished.INVALID_API_KEY_FIELD_NUMBER).isEqualTo(12);
    assertThat(StreamFinished.CONVERSATION_USAGE_METADATA_FIELD_NUMBER).isEqualTo(11);
    assertThat(StreamFinished.RequestCost.PLATFORM_CREDITS_FIELD_NUMBER).isEqualTo(2);
    assertThat(ResponseEvent.StreamInit.RUN_ID_FIELD_NUMBER).isEqualTo(3);
    assertThat(StreamFinished.ConversationUsageMetadata.TOTAL_INPUT_TOKENS_FIELD_NUMBER)
        .isEqualTo(10);
  }
}
