package dev.warp2api.bench;

import dev.warp2api.api.ChatTranslation;
import dev.warp2api.api.anthropic.AnthropicStreamRenderer;
import dev.warp2api.api.openai.OpenAiStreamRenderer;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.warp.protocol.ResponseStreamDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
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
 * The whole per-event path of a stream, for each dialect: the bytes of one upstream SSE event (a
 * text chunk, in a heap buffer as the HTTP client hands it over) in, the UTF-8 bytes of the
 * client's SSE text out. That is {@link ResponseStreamDecoder#feed(Buffer,
 * ResponseStreamDecoder.EventHandler)} (SSE framing, base64url, protobuf, translation) handing each
 * event to a handler, as the pipeline reads every stream, then the dialect's renderer (Chat
 * Completions, Responses, Anthropic) appending each resulting {@link ChatEvent} to the stream's
 * builder, then the builder encoded into the buffer that goes to the socket, as
 * {@code ChatExchange} and {@code SseStream} do. Target: at most 2 µs per event. Add {@code -prof
 * gc} for the bytes allocated per event.
 *
 * <p>Decoder and renderers live for one stream in production; here for one measurement iteration,
 * their opening events (first text chunk, role chunk or block start) sent in the set-up.
 *
 * <p>Run: {@code ./mvnw -q -pl bench -am package -DskipTests && java -jar
 * bench/target/benchmarks.jar EventPathBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventPathBenchmark {
  private final byte[] openingFrame = EventFixtures.sseFrame(EventFixtures.textOpeningEvent());
  /** As the HTTP client hands a chunk over: a heap buffer. */
  private final Buffer frame =
      Buffer.buffer(EventFixtures.sseFrame(EventFixtures.textDeltaEvent()));

  private ResponseStreamDecoder openAiDecoder;
  private ResponseStreamDecoder anthropicDecoder;
  private OpenAiStreamRenderer openAi;
  private AnthropicStreamRenderer anthropic;
  private ResponseStreamDecoder responsesDecoder;
  private ChatTranslation.StreamRenderer responses;
  private final StringBuilder pending = new StringBuilder(512);
  /** The handlers, made once as the pipeline makes one per attempt. */
  private final ResponseStreamDecoder.EventHandler toOpenAi = (raw, events) -> {
    for (ChatEvent e : events) {
      openAi.onEvent(e, pending);
    }
    return true;
  };

  private final ResponseStreamDecoder.EventHandler toResponses = (raw, events) -> {
    for (ChatEvent e : events) {
      responses.onEvent(e, pending);
    }
    return true;
  };
  private final ResponseStreamDecoder.EventHandler toAnthropic = (raw, events) -> {
    for (ChatEvent e : events) {
      anthropic.onEvent(e, pending);
    }
    return true;
  };

  @Setup(Level.Iteration)
  public void newStreams() {
    openAiDecoder = new ResponseStreamDecoder();
    openAi = EventFixtures.openAiRenderer();
    for (ChatEvent e : openAiDecoder.feed(openingFrame)) {
      openAi.onEvent(e);
    }
    responsesDecoder = new ResponseStreamDecoder();
    responses = EventFixtures.responsesRenderer();
    for (ChatEvent e : responsesDecoder.feed(openingFrame)) {
      responses.onEvent(e);
    }
    anthropicDecoder = new ResponseStreamDecoder();
    anthropic = EventFixtures.anthropicRenderer();
    for (ChatEvent e : anthropicDecoder.feed(openingFrame)) {
      anthropic.onEvent(e);
    }
  }

  /** Upstream event bytes to OpenAI {@code chat.completion.chunk} bytes. */
  @Benchmark
  public ByteBuf openAi() {
    pending.setLength(0);
    openAiDecoder.feed(frame, toOpenAi);
    return encode();
  }

  /** Upstream event bytes to OpenAI Responses {@code response.output_text.delta} bytes. */
  @Benchmark
  public ByteBuf responses() {
    pending.setLength(0);
    responsesDecoder.feed(frame, toResponses);
    return encode();
  }

  /** Upstream event bytes to Anthropic {@code content_block_delta} bytes. */
  @Benchmark
  public ByteBuf anthropic() {
    pending.setLength(0);
    anthropicDecoder.feed(frame, toAnthropic);
    return encode();
  }

  /**
   * As the gateway does per upstream chunk: the builder encoded as UTF-8 into the buffer that goes
   * to the socket.
   */
  private ByteBuf encode() {
    int length = ByteBufUtil.utf8Bytes(pending);
    ByteBuf out = Unpooled.buffer(length);
    ByteBufUtil.reserveAndWriteUtf8(out, pending, length);
    return out;
  }
}
