package dev.warp2api.api;

import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body up to a limit ({@code W2A_MAX_BODY_BYTES}). A declared {@code content-length}
 * over the limit fails at once, before a byte is read; a body that grows past it fails as soon as it
 * does, and the rest is not buffered.
 */
public final class BodyReader {
  private final long maxBytes;

  public BodyReader(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The whole body, or a failed future with {@link ErrorKind#PAYLOAD_TOO_LARGE}. */
  public Future<Buffer> read(HttpServerRequest request) {
    String declared = request.getHeader("content-length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > maxBytes) {
          discardRest(request);
          return Future.failedFuture(tooLarge());
        }
      } catch (NumberFormatException e) {
        return Future.failedFuture(GatewayException.invalid("Malformed content-length header.", null));
      }
    }
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer(declared == null ? 1024 : (int) Math.min(maxBytes, Long.parseLong(declared.trim())));
    request.handler(chunk -> {
      if (body.length() + (long) chunk.length() > maxBytes) {
        discardRest(request);
        promise.tryFail(tooLarge());
        return;
      }
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(v -> promise.tryComplete(body));
    return promise.future();
  }

  /**
   * Reads and drops the rest of a body that is too large, so that a client still uploading gets to
   * read its 413 instead of a reset connection; past {@link #DISCARD_LIMIT} bytes the connection is
   * closed instead.
   */
  private static void discardRest(HttpServerRequest request) {
    long[] dropped = {0};
    request.handler(chunk -> {
      dropped[0] += chunk.length();
      if (dropped[0] > DISCARD_LIMIT) {
        request.handler(null);
        request.connection().close();
      }
    });
  }

  /** How much of a rejected body is read and dropped before the connection is closed instead. */
  private static final long DISCARD_LIMIT = 256L * 1024 * 1024;

  private GatewayException tooLarge() {
    return GatewayException.of(ErrorKind.PAYLOAD_TOO_LARGE,
        "Request body is larger than the limit of " + maxBytes + " bytes (W2A_MAX_BODY_BYTES).");
  }
}
