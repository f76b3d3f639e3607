package dev.warp2api.warp.client;

import dev.warp2api.config.WarpIdentity;
import dev.warp2api.testing.Await;
import dev.warp2api.warp.protocol.pb.Request;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A tiny Warp stand-in on loopback: records each request, then lets the test answer it. A test
 * class holds one in an {@code @AutoClose} field from {@link #start()} and hands it the clients
 * under test with {@link #own}; closing closes them, the server, then the stub's own Vert.x.
 */
final class StubUpstream implements AutoCloseable {
  static final WarpIdentity IDENTITY =
      new WarpIdentity("v0.2026.01.14.08.15.stable_04", "Windows", "Windows", "11 (26100)");

  /** A request as the stub saw it. */
  record Seen(String method, String uri, MultiMap headers, Buffer body, HttpVersion version) {}

  final Vertx vertx;
  private final HttpServer server;
  private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
  private volatile BiConsumer<HttpServerRequest, Buffer> answer =
      (req, body) -> req.response().end();
  private final Deque<AutoCloseable> owned = new ArrayDeque<>();

  /** A stub on a Vert.x of its own, closed with the stub. */
  static StubUpstream start() {
    return new StubUpstream(Vertx.vertx());
  }

  private StubUpstream(Vertx vertx) {
    this.vertx = vertx;
    this.server =
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
    server.requestHandler(req -> req.body().onSuccess(body -> {
      MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(req.headers());
      seen.add(new Seen(req.method().name(), req.uri(), headers, body, req.version()));
      answer.accept(req, body);
    }));
    Await.result(server.listen());
  }

  /** How the stub answers from now on. */
  StubUpstream answer(BiConsumer<HttpServerRequest, Buffer> answer) {
    this.answer = answer;
    return this;
  }

  /** Answers every request with {@code status}, the given headers (name, value, ...) and body. */
  StubUpstream answer(int status, String body, String... headers) {
    return answer((req, b) -> {
      var response = req.response().setStatusCode(status);
      for (int i = 0; i + 1 < headers.length; i += 2) {
        response.putHeader(headers[i], headers[i + 1]);
      }
      response.end(body);
    });
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.actualPort() + pathAndQuery);
  }

  WarpEndpoints endpoints() {
    return new WarpEndpoints(
        uri("/ai/multi-agent"),
        uri("/proxy/token?key=test-web-key"),
        uri("/graphql/v2"),
        IDENTITY,
        false,
        null,
        null);
  }

  /** The next request the stub received (waits up to 5 s). */
  Seen next() {
    try {
      Seen s = seen.poll(5, TimeUnit.SECONDS);
      if (s == null) {
        throw new AssertionError("the stub received no request");
      }
      return s;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  int received() {
    return seen.size();
  }

  /**
   * The AI, refresh and GraphQL endpoints of a server at {@code base} (the TLS simulator's
   * self-signed certificate trusted), with {@link #IDENTITY}.
   */
  static WarpEndpoints endpointsAt(URI base) {
    return new WarpEndpoints(
        base.resolve("/ai/multi-agent"),
        base.resolve("/proxy/token"),
        base.resolve("/graphql/v2"),
        IDENTITY,
        true,
        null,
        null);
  }

  /** The protobuf body of a one-line chat turn ("hi"). */
  static Buffer chatBody() {
    return Buffer.buffer(Request.newBuilder()
        .setTaskContext(Request.TaskContext.getDefaultInstance())
        .setInput(Request.Input.newBuilder()
            .setUserInputs(Request.Input.UserInputs.newBuilder()
                .addInputs(Request.Input.UserInputs.UserInput.newBuilder()
                    .setUserQuery(Request.Input.UserQuery.newBuilder().setQuery("hi")))))
        .build()
        .toByteArray());
  }

  /** The whole body of a streamed answer, once it has ended. */
  static Future<String> drain(UpstreamResponse response) {
    Promise<String> done = Promise.promise();
    Buffer all = Buffer.buffer();
    response
        .endHandler(v -> done.complete(all.toString()))
        .exceptionHandler(done::fail)
        .handler(all::appendBuffer);
    return done.future();
  }

  static TransportOptions fastIdle(Duration idle) {
    return TransportOptions.defaults().withIdleTimeout(idle);
  }

  /** The classified failure of a future that must fail with {@link UpstreamFailureException}. */
  static UpstreamFailure upstreamFailureOf(Future<?> future) {
    Throwable error = Await.failure(future);
    if (!(error instanceof UpstreamFailureException upstream)) {
      throw new AssertionError("expected UpstreamFailureException, got " + error);
    }
    return upstream.failure();
  }

  /**
   * Closes {@code resource} when the stub closes, before the server; the last owned closes first.
   */
  <T extends AutoCloseable> T own(T resource) {
    owned.push(resource);
    return resource;
  }

  @Override
  public void close() {
    try {
      while (!owned.isEmpty()) {
        owned.pop().close();
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      Await.result(server.close());
      Await.result(vertx.close());
    }
  }
}
