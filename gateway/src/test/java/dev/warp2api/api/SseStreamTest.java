package dev.warp2api.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link SseStream} puts on the wire: the text's UTF-8 bytes, from a builder the caller
 * reuses.
 */
class SseStreamTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void writesTheUtf8OfEachTextEvenWhenTheBuilderIsReusedAtOnce() {
    String first = "data: {\"content\":\"é€😀 \\\"quoted\\\"\"}\n\n";
    String second = "data: lone \uD800 surrogate and ascii\n\n";
    HttpServer server = vertx
        .createHttpServer()
        .requestHandler(request -> {
          SseStream sse = new SseStream(vertx, request.response(), Duration.ZERO, null);
          sse.open("req-1");
          StringBuilder pending = new StringBuilder();
          pending.append(first);
          sse.write(pending);
          pending.setLength(0);
          pending.append(second);
          sse.write(pending);
          pending.setLength(0);
          sse.write(pending); // empty: nothing written
          sse.end();
        })
        .listen(0, "127.0.0.1")
        .await();

    var client = vertx.createHttpClient();
    Buffer body = client
        .request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
        .compose(request -> request.send().compose(response -> {
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.getHeader("content-type"))
              .isEqualTo("text/event-stream; charset=utf-8");
          assertThat(response.getHeader("x-request-id")).isEqualTo("req-1");
          return response.body();
        }))
        .await();

    assertThat(body.getBytes()).isEqualTo((first + second).getBytes(StandardCharsets.UTF_8));
  }
}
