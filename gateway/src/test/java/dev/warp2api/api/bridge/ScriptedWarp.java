package dev.warp2api.api.bridge;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.GatewayException;
import dev.warp2api.pipeline.PipelineCall;
import dev.warp2api.pipeline.RawUpstreamSink;
import dev.warp2api.pipeline.UpstreamSink;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A fake {@code warp}: records the Request bytes it was given and plays a script on the sink, on
 * the calling event loop. E3 carries the {@link ChatEvent.TextDelta} "Hello", as the real decoder
 * would give.
 */
final class ScriptedWarp implements BiFunction<Buffer, UpstreamSink, PipelineCall> {
  final List<byte[]> requests = new ArrayList<>();
  final CountDownLatch started = new CountDownLatch(1);
  final CountDownLatch cancelled = new CountDownLatch(1);
  private final Consumer<UpstreamSink> script;

  private ScriptedWarp(Consumer<UpstreamSink> script) {
    this.script = script;
  }

  /** Opens, delivers E1-E5, ends. */
  static ScriptedWarp goldenTurn() {
    return new ScriptedWarp(sink -> {
      sink.onOpen();
      deliverGolden(sink);
      sink.onEnd();
    });
  }

  /** Fails before opening. */
  static ScriptedWarp failing(GatewayException error) {
    return new ScriptedWarp(sink -> sink.onFailure(error));
  }

  /** Opens, delivers E1, then fails. */
  static ScriptedWarp failingAfterInit(GatewayException error) {
    return new ScriptedWarp(sink -> {
      sink.onOpen();
      deliver(sink, BridgeFixtures.event(BridgeFixtures.E1), List.of());
      sink.onFailure(error);
    });
  }

  /** Opens, delivers E1, then never ends (until cancelled). */
  static ScriptedWarp hanging() {
    return new ScriptedWarp(sink -> {
      sink.onOpen();
      deliver(sink, BridgeFixtures.event(BridgeFixtures.E1), List.of());
    });
  }

  static ScriptedWarp of(Consumer<UpstreamSink> script) {
    return new ScriptedWarp(script);
  }

  static void deliverGolden(UpstreamSink sink) {
    for (String payload : BridgeFixtures.EVENTS) {
      ResponseEvent event = BridgeFixtures.event(payload);
      List<ChatEvent> events =
          payload.equals(BridgeFixtures.E3) ? List.of(new ChatEvent.TextDelta("Hello")) : List.of();
      deliver(sink, event, events);
    }
  }

  /**
   * As the pipeline delivers one upstream event to a bridge sink: the raw event, then what it
   * means.
   */
  static void deliver(UpstreamSink sink, ResponseEvent raw, List<ChatEvent> events) {
    ((RawUpstreamSink) sink).onRawEvent(raw);
    sink.onEvent(events);
  }

  @Override
  public PipelineCall apply(Buffer request, UpstreamSink sink) {
    requests.add(request.getBytes());
    script.accept(sink);
    started.countDown();
    return cancelled::countDown;
  }
}
