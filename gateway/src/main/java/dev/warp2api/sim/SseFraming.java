package dev.warp2api.sim;

import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns one {@link ResponseEvent} into its SSE frame. Modern (2026 capture):
 * {@code event:data\ndata:<padded base64url>\n\n}. Legacy (2025-08 bridge era): {@code data:
 * <padded base64url>\n\n}.
 *
 * <p>Constant events (transaction markers) are encoded once per mode. Stateless and thread-safe.
 */
enum SseFraming {
  MODERN("event:data\ndata:"),
  LEGACY("data: ");

  /**
   * Enum constants are built before an enum's own statics; these live in a holder initialised
   * first.
   */
  private static final class Codec {
    static final Base64.Encoder B64 = Base64.getUrlEncoder();
    static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
  }

  private final byte[] prefix;
  private final byte[] begin;
  private final byte[] commit;

  SseFraming(String prefix) {
    this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
    this.begin = frameBytes(action(ClientAction.newBuilder()
        .setBeginTransaction(ClientAction.BeginTransaction.getDefaultInstance())
        .build()));
    this.commit = frameBytes(action(ClientAction.newBuilder()
        .setCommitTransaction(ClientAction.CommitTransaction.getDefaultInstance())
        .build()));
  }

  static ResponseEvent action(ClientAction a) {
    return ResponseEvent.newBuilder()
        .setClientActions(ResponseEvent.ClientActions.newBuilder().addActions(a))
        .build();
  }

  /** Appends the frame of {@code event} to {@code out}. */
  void append(Buffer out, ResponseEvent event) {
    out.appendBytes(frameBytes(event));
  }

  /** The frame of {@code event} as its own buffer. */
  Buffer frame(ResponseEvent event) {
    return Buffer.buffer(frameBytes(event));
  }

  void appendBegin(Buffer out) {
    out.appendBytes(begin);
  }

  void appendCommit(Buffer out) {
    out.appendBytes(commit);
  }

  private byte[] frameBytes(ResponseEvent event) {
    byte[] payload = Codec.B64.encode(event.toByteArray());
    byte[] end = Codec.END;
    byte[] frame = new byte[prefix.length + payload.length + end.length];
    System.arraycopy(prefix, 0, frame, 0, prefix.length);
    System.arraycopy(payload, 0, frame, prefix.length, payload.length);
    System.arraycopy(end, 0, frame, prefix.length + payload.length, end.length);
    return frame;
  }
}
