package dev.warp2api.api.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.api.ErrorMapper;
import dev.warp2api.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The bridge routes on a real Vert.x HTTP server on a free port, mounted as the lead's wiring will.
 */
final class BridgeServer implements AutoCloseable {
  static final String REQUEST_ID = "req-test-1";

  final Vertx vertx = Vertx.vertx();
  final HttpServer server;
  final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** A plain HTTP answer. */
  record Answer(int status, String contentType, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      return BridgeFixtures.json(text());
    }
  }

  BridgeServer(ScriptedWarp warp) {
    this(warp, Duration.ZERO);
  }

  BridgeServer(ScriptedWarp warp, Duration keepalive) {
    var routes = new BridgeRoutes(vertx, new ErrorMapper(Map.of()), keepalive, warp);
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.post("/api/encode").handler(ctx -> routes.encode(ctx.request(), body(ctx), REQUEST_ID));
    router.post("/api/decode").handler(ctx -> routes.decode(ctx.request(), body(ctx), REQUEST_ID));
    router
        .post("/api/stream-decode")
        .handler(ctx -> routes.streamDecode(ctx.request(), body(ctx), REQUEST_ID));
    router.get("/api/schemas").handler(ctx -> routes.schemas(ctx.request(), body(ctx), REQUEST_ID));
    router
        .post("/api/warp/encode_raw")
        .handler(ctx -> routes.encodeRaw(ctx.request(), body(ctx), REQUEST_ID));
    router
        .post("/api/warp/send_stream")
        .handler(ctx -> routes.sendStream(ctx.request(), body(ctx), REQUEST_ID));
    router
        .post("/api/warp/send_stream_sse")
        .handler(ctx -> routes.sendStreamSse(ctx.request(), body(ctx), REQUEST_ID));
    server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0));
  }

  private static Buffer body(RoutingContext ctx) {
    Buffer buffer = ctx.body().buffer();
    return buffer == null ? Buffer.buffer() : buffer;
  }

  int port() {
    return server.actualPort();
  }

  Answer post(String path, String body) {
    return send(HttpRequest.newBuilder(uri(path))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .header("content-type", "application/json")
        .build());
  }

  Answer get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("content-type").orElse(""),
          response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    client.close();
    Await.result(vertx.close());
  }
}
