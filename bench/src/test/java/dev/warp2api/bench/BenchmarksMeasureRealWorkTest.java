package dev.warp2api.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.warp.protocol.EventView;
import dev.warp2api.warp.protocol.pb.Request;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Each benchmark, called once as JMH would call it, does the work its javadoc names: a benchmark
 * that silently measured an empty result or an error path would report a flattering, meaningless
 * figure.
 */
class BenchmarksMeasureRealWorkTest {

  @Test
  void requestBuildCarriesTheWholeChatAndItsTools() {
    RequestBuildBenchmark bench = new RequestBuildBenchmark();
    Request request = bench.build();
    assertThat(request.getTaskContext().getTasks(0).getMessagesCount()).isGreaterThanOrEqualTo(18);
    assertThat(request.getInput().getUserInputs().getInputsCount()).isEqualTo(2);
    assertThat(bench.buildAndSerialise().length).isGreaterThan(15_000);
  }

  @Test
  void eventDecodeYieldsTheTextDeltaAtEachStep() {
    EventDecodeBenchmark bench = new EventDecodeBenchmark();
    bench.newStream();
    assertThat(bench.frame()).hasSize(1);
    assertThat(bench.payload().hasClientActions()).isTrue();
    assertThat(bench.view()).isEqualTo(EventView.of(bench.payload()));
    assertThat(bench
            .echoPayload()
            .getClientActions()
            .getActions(0)
            .getAddMessagesToTask()
            .getMessages(0)
            .hasUserQuery())
        .isTrue();
    assertThat(bench.echoView()).isEqualTo(EventView.of(bench.echoPayload()));
    assertThat(bench.translate())
        .containsExactly(new ChatEvent.TextDelta(EventFixtures.DELTA_TEXT));
    assertThat(bench.decodeEvent())
        .containsExactly(new ChatEvent.TextDelta(EventFixtures.DELTA_TEXT));
  }

  @Test
  void renderersWriteOneDeltaEventEachCall() {
    StreamRenderBenchmark bench = new StreamRenderBenchmark();
    bench.newResponse();
    for (int i = 0; i < 3; i++) {
      assertThat(bench.openAiChunk())
          .startsWith("data: {")
          .contains("\"content\":\"Hello, wörld\"")
          .endsWith("\n\n")
          .doesNotContain("\"role\"");
      assertThat(bench.anthropicDelta())
          .startsWith("event: content_block_delta\n")
          .contains("\"text\":\"Hello, wörld\"")
          .doesNotContain("content_block_start");
    }
  }

  @Test
  void wholeEventPathTurnsUpstreamBytesIntoOneClientEvent() {
    EventPathBenchmark bench = new EventPathBenchmark();
    bench.newStreams();
    for (int i = 0; i < 3; i++) {
      String openAi = bench.openAi().toString(StandardCharsets.UTF_8);
      String anthropic = bench.anthropic().toString(StandardCharsets.UTF_8);
      assertThat(openAi).contains("\"content\":\"Hello, wörld\"").containsOnlyOnce("data: ");
      assertThat(anthropic).contains("\"text_delta\"").containsOnlyOnce("event: ");
      String responses = bench.responses().toString(StandardCharsets.UTF_8);
      assertThat(responses)
          .startsWith("event: response.output_text.delta\n")
          .contains("\"delta\":\"Hello, wörld\"")
          .containsOnlyOnce("event: ");
    }
  }
}
