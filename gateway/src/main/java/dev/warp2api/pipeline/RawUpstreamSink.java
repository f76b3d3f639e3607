package dev.warp2api.pipeline;

import dev.warp2api.warp.protocol.pb.ResponseEvent;

/**
 * A sink that also receives Warp's events as they came, for the routes that relay them (the
 * bridge's {@code /api/warp/send_stream*}). The pipeline builds the full protobuf event only for
 * such a sink: building it costs more than the rest of an event's path together.
 */
public interface RawUpstreamSink extends UpstreamSink {

  /**
   * One upstream event as Warp sent it, just before {@link #onEvent} with what it means. Held back
   * and dropped exactly like those events.
   */
  void onRawEvent(ResponseEvent raw);
}
