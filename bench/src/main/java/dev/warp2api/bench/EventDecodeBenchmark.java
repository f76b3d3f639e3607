package dev.warp2api.bench;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.warp.protocol.EventPayloads;
import dev.warp2api.warp.protocol.EventTranslator;
import dev.warp2api.warp.protocol.EventView;
import dev.warp2api.warp.protocol.SseEventReader;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import java.util.List;
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
 * Decoding one upstream SSE event, a text chunk ({@link EventFixtures#textDeltaEvent()}), in the
 * three steps of {@code ResponseStreamDecoder} and as a whole:
 *
 * <ul>
 *   <li>{@code frame}: {@link SseEventReader#feed(byte[])} cutting the event's bytes into its
 *       payload;
 *   <li>{@code view}: {@link EventPayloads#view} from base64url to the {@link EventView} the
 *       translator reads (what the gateway does per event);
 *   <li>{@code payload}: {@link EventPayloads#decode} from base64url to a full protobuf
 *       {@code ResponseEvent} (what the gateway did before issue 6; the bridge routes still do);
 *   <li>{@code translate}: {@link EventTranslator#translate(EventView)} from the view to
 *       {@link ChatEvent}s;
 *   <li>{@code decodeEvent}: frame, view and translate, bytes in, {@code [TextDelta]} out.
 * </ul>
 *
 * <p>{@code echoView} and {@code echoPayload}: the same two decodings of a non-delta event, the
 * {@code add_messages_to_task} echo of the user's query ({@link EventFixtures#echoEvent()}).
 *
 * <p>Reader and translator live for one stream in production; here they live for one measurement
 * iteration (the translator remembers the text sent per message, so it is renewed before it grows
 * large).
 *
 * <p>Run: {@code ./mvnw -q -pl bench -am package -DskipTests && java -jar
 * bench/target/benchmarks.jar EventDecodeBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventDecodeBenchmark {
  private final ResponseEvent opening = EventFixtures.textOpeningEvent();
  private final ResponseEvent event = EventFixtures.textDeltaEvent();
  private final byte[] frame = EventFixtures.sseFrame(event);
  private final String payload = EventFixtures.payload(event);
  private final EventView view = EventView.of(event);
  private final byte[] eventBytes = event.toByteArray();
  private final String echoPayload = EventFixtures.payload(EventFixtures.echoEvent());
  private SseEventReader reader;
  private EventTranslator translator;

  @Setup(Level.Iteration)
  public void newStream() {
    reader = new SseEventReader();
    translator = new EventTranslator();
    translator.translate(EventView.of(opening));
  }

  @Benchmark
  public List<String> frame() {
    return reader.feed(frame);
  }

  @Benchmark
  public EventView view() {
    return EventPayloads.view(payload);
  }

  @Benchmark
  public ResponseEvent payload() {
    return EventPayloads.decode(payload);
  }

  @Benchmark
  public List<ChatEvent> translate() {
    return translator.translate(view);
  }

  @Benchmark
  public List<ChatEvent> decodeEvent() {
    List<String> payloads = reader.feed(frame);
    return translator.translate(EventPayloads.view(payloads.get(0)));
  }

  /** The base64url step of {@code view} alone. */
  @Benchmark
  public byte[] bytes() {
    return EventPayloads.bytes(payload);
  }

  /** The protobuf step of {@code view} alone. */
  @Benchmark
  public EventView parseView() {
    return EventView.parse(eventBytes);
  }

  @Benchmark
  public EventView echoView() {
    return EventPayloads.view(echoPayload);
  }

  @Benchmark
  public ResponseEvent echoPayload() {
    return EventPayloads.decode(echoPayload);
  }
}
