package dev.warp2api.bench;

import dev.warp2api.api.anthropic.AnthropicStreamRenderer;
import dev.warp2api.api.openai.OpenAiStreamRenderer;
import dev.warp2api.core.ChatEvent;
import java.util.concurrent.TimeUnit;
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
 * Rendering one text delta for the client: {@link OpenAiStreamRenderer#onEvent} turning a
 * {@link ChatEvent.TextDelta} into one {@code chat.completion.chunk} SSE event, and
 * {@link AnthropicStreamRenderer#onEvent} turning it into one {@code content_block_delta} event.
 *
 * <p>The renderers live for one response; here one lives for one measurement iteration and renders
 * the same delta again and again. The head chunk (OpenAI) and the {@code content_block_start}
 * (Anthropic) are sent in the set-up, so every measured call is the steady-state case: one delta
 * in, one event out. The text is a typical model chunk (12 characters, one of them non-ASCII).
 *
 * <p>Run: {@code ./mvnw -q -pl bench -am package -DskipTests && java -jar
 * bench/target/benchmarks.jar StreamRenderBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StreamRenderBenchmark {
  private final ChatEvent delta = new ChatEvent.TextDelta(EventFixtures.DELTA_TEXT);
  private OpenAiStreamRenderer openAi;
  private AnthropicStreamRenderer anthropic;

  @Setup(Level.Iteration)
  public void newResponse() {
    openAi = EventFixtures.openAiRenderer();
    openAi.head();
    anthropic = EventFixtures.anthropicRenderer();
    anthropic.onEvent(delta); // opens the text block; later deltas are single events
  }

  /** One OpenAI {@code chat.completion.chunk} with {@code delta.content}. */
  @Benchmark
  public String openAiChunk() {
    return openAi.onEvent(delta);
  }

  /** One Anthropic {@code content_block_delta} with a {@code text_delta}. */
  @Benchmark
  public String anthropicDelta() {
    return anthropic.onEvent(delta);
  }
}
