package dev.warp2api.bench;

import dev.warp2api.api.anthropic.AnthropicStreamRenderer;
import dev.warp2api.api.openai.OpenAiStreamRenderer;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.warp.protocol.ResponseStreamDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole per-event path of a stream, for each dialect: the bytes of one upstream SSE event (a text
 * chunk) in, the UTF-8 bytes of the client's SSE text out. That is {@link ResponseStreamDecoder#feed}
 * (SSE framing, base64url, protobuf, translation) then the dialect's renderer {@code onEvent} for each
 * resulting {@link ChatEvent}, then encoding the text as the socket would. Issue 6's target: at most
 * 2 µs per event.
 *
 * <p>Decoder and renderers live for one stream in production; here for one measurement iteration, their
 * opening events (first text chunk, role chunk or block start) sent in the set-up.
 *
 * <p>Run: {@code ./mvnw -q -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar
 * EventPathBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventPathBenchmark {
  private final byte[] openingFrame = EventFixtures.sseFrame(EventFixtures.textOpeningEvent());
  private final byte[] frame = EventFixtures.sseFrame(EventFixtures.textDeltaEvent());
  private ResponseStreamDecoder openAiDecoder;
  private ResponseStreamDecoder anthropicDecoder;
  private OpenAiStreamRenderer openAi;
  private AnthropicStreamRenderer anthropic;

  @Setup(Level.Iteration)
  public void newStreams() {
    openAiDecoder = new ResponseStreamDecoder();
    openAi = EventFixtures.openAiRenderer();
    for (ChatEvent e : openAiDecoder.feed(openingFrame)) {
      openAi.onEvent(e);
    }
    anthropicDecoder = new ResponseStreamDecoder();
    anthropic = EventFixtures.anthropicRenderer();
    for (ChatEvent e : anthropicDecoder.feed(openingFrame)) {
      anthropic.onEvent(e);
    }
  }

  /** Upstream event bytes to OpenAI {@code chat.completion.chunk} bytes. */
  @Benchmark
  public byte[] openAi() {
    return render(openAiDecoder.feed(frame), openAi::onEvent);
  }

  /** Upstream event bytes to Anthropic {@code content_block_delta} bytes. */
  @Benchmark
  public byte[] anthropic() {
    return render(anthropicDecoder.feed(frame), anthropic::onEvent);
  }

  private static byte[] render(List<ChatEvent> events, Function<ChatEvent, String> renderer) {
    if (events.size() == 1) {
      return renderer.apply(events.get(0)).getBytes(StandardCharsets.UTF_8);
    }
    StringBuilder out = new StringBuilder();
    for (ChatEvent e : events) {
      out.append(renderer.apply(e));
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
