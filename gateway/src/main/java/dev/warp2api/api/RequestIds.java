package dev.warp2api.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The id every request gets, and the one place it is written to an answer: as {@code request-id}
 * (what Anthropic's SDKs read) and {@code x-request-id} (what OpenAI's SDKs and proxies read), on
 * every answer, success or error, stream or not.
 */
public final class RequestIds {
  private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("request-id");
  private static final CharSequence X_REQUEST_ID = HttpHeaders.createOptimized("x-request-id");

  private RequestIds() {}

  /** A new id, {@code req_} and 32 hex digits. */
  public static String next() {
    // Unique, not secret: ThreadLocalRandom, not the SecureRandom behind UUID.randomUUID().
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "req_" + Long.toHexString(r.nextLong() | Long.MIN_VALUE)
        + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
  }

  /** Puts both id headers on {@code response}; nothing when {@code requestId} is null. */
  public static HttpServerResponse write(HttpServerResponse response, String requestId) {
    if (requestId != null) {
      response.putHeader(REQUEST_ID, requestId);
      response.putHeader(X_REQUEST_ID, requestId);
    }
    return response;
  }
}
