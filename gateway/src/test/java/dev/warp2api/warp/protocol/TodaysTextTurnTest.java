package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.FinishReason;
import dev.warp2api.core.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The real 2026 capture's 14 events, through reader, decoder and translator. */
class TodaysTextTurnTest {
  private static final List<String> CHUNKS = List.of("你好！", "很高兴", "见到你。", "有什么我可以", "帮你的吗？");

  private static List<ChatEvent> run(int chunkSize) {
    byte[] body =
        WarpEvents.todaysSse(WarpEvents.todaysTextTurn(CHUNKS)).getBytes(StandardCharsets.UTF_8);
    ResponseStreamDecoder decoder = new ResponseStreamDecoder();
    List<ChatEvent> out = new ArrayList<>();
    for (int i = 0; i < body.length; i += chunkSize) {
      out.addAll(decoder.feed(Arrays.copyOfRange(body, i, Math.min(body.length, i + chunkSize))));
    }
    out.addAll(decoder.finish());
    return out;
  }

  @Test
  void yieldsStartedTextAndFinishedWithUsageAtOddChunkSizes() {
    for (int size : new int[] {1, 3, 7, 13, 64, 1000, 100_000}) {
      List<ChatEvent> events = run(size);
      assertThat(events.get(0)).isEqualTo(new ChatEvent.Started("conv-1", "req-1"));
      List<ChatEvent> middle = events.subList(1, events.size() - 1);
      assertThat(middle)
          .as("chunk size %d", size)
          .hasSize(CHUNKS.size())
          .allMatch(e -> e instanceof ChatEvent.TextDelta);
      String text =
          middle.stream().map(e -> ((ChatEvent.TextDelta) e).text()).collect(Collectors.joining());
      assertThat(text).isEqualTo(WarpEvents.FULL_TEXT);
      assertThat(events.get(events.size() - 1))
          .isEqualTo(new ChatEvent.Finished(
              FinishReason.DONE, new Usage(-1, -1, 15702, 1.0), null, false));
    }
  }

  @Test
  void neverTurnsTheUserQueryEchoOrServerEventIntoText() {
    assertThat(run(50))
        .filteredOn(e -> e instanceof ChatEvent.TextDelta)
        .first()
        .isEqualTo(new ChatEvent.TextDelta("你好！"));
  }
}
