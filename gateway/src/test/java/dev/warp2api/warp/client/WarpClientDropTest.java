package dev.warp2api.warp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.testing.Await;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** A stream that breaks or goes silent is reported in a form the pipeline can recognise. */
class WarpClientDropTest {
  @AutoClose
  private final StubUpstream stub = StubUpstream.start();

  @Test
  void connectionDroppedMidBodyIsDroppedMidStream() {
    stub.answer((req, body) -> req.response()
        .setChunked(true)
        .write("event:data\ndata:AQ==\n\n")
        .onComplete(v -> req.connection().close()));
    try (WarpClient client = new WarpClient(stub.vertx, stub.endpoints())) {
      UpstreamFailure failure = streamFailure(client);
      assertThat(failure).isInstanceOf(UpstreamFailure.DroppedMidStream.class);
    }
  }

  @Test
  void dropBeforeTheCallerSetItsHandlersIsStillReported() {
    Promise<Void> closed = Promise.promise();
    stub.answer((req, body) -> {
      req.connection().closeHandler(v -> closed.tryComplete());
      req.response()
          .setChunked(true)
          .write("event:data\ndata:AQ==\n\n")
          .onComplete(v -> req.connection().close());
    });
    try (WarpClient client = new WarpClient(stub.vertx, stub.endpoints())) {
      UpstreamResponse response = Await.result(client.send(Buffer.buffer("x"), "tok"));
      Await.result(closed.future());
      Promise<Void> outcome = Promise.promise();
      response.endHandler(outcome::complete).exceptionHandler(outcome::fail).handler(chunk -> {});
      Throwable error = Await.failure(outcome.future());
      assertThat(((UpstreamFailureException) error).failure())
          .isInstanceOf(UpstreamFailure.DroppedMidStream.class);
    }
  }

  @Test
  void silenceLongerThanIdleTimeoutMidStreamIsTransientTimeout() {
    stub.answer((req, body) -> req.response().setChunked(true).write("event:data\ndata:AQ==\n\n"));
    var options = StubUpstream.fastIdle(Duration.ofMillis(300));
    try (WarpClient client =
        new WarpClient(stub.vertx, stub.endpoints(), options, Clock.systemUTC())) {
      UpstreamFailure failure = streamFailure(client);
      assertThat(failure)
          .isEqualTo(new UpstreamFailure.Transient(
              "upstream went silent mid-stream (idle timeout)", true));
    }
  }

  @Test
  void noResponseHeadBeforeIdleTimeoutIsTransientTimeout() {
    stub.answer((req, body) -> {
      /* never answers */
    });
    var options = StubUpstream.fastIdle(Duration.ofMillis(300));
    try (WarpClient client =
        new WarpClient(stub.vertx, stub.endpoints(), options, Clock.systemUTC())) {
      UpstreamFailure failure =
          StubUpstream.upstreamFailureOf(client.send(Buffer.buffer("x"), "tok"));
      assertThat(failure).isInstanceOf(UpstreamFailure.Transient.class);
      assertThat(((UpstreamFailure.Transient) failure).timeout()).isTrue();
    }
  }

  @Test
  void refusedConnectionIsTransientNotTimeout() {
    var endpoints = new WarpEndpoints(
        URI.create("http://127.0.0.1:1/ai/multi-agent"),
        null,
        null,
        StubUpstream.IDENTITY,
        false,
        null,
        null);
    try (WarpClient client = new WarpClient(stub.vertx, endpoints)) {
      UpstreamFailure failure =
          StubUpstream.upstreamFailureOf(client.send(Buffer.buffer("x"), "secret-token-123"));
      assertThat(failure).isInstanceOf(UpstreamFailure.Transient.class);
      assertThat(((UpstreamFailure.Transient) failure).timeout()).isFalse();
      assertThat(failure.safeDescription())
          .startsWith("cannot reach upstream")
          .doesNotContain("secret-token-123");
    }
  }

  private static UpstreamFailure streamFailure(WarpClient client) {
    UpstreamResponse response = Await.result(client.send(Buffer.buffer("x"), "tok"));
    Promise<Void> outcome = Promise.promise();
    response.endHandler(outcome::complete).exceptionHandler(outcome::fail).handler(chunk -> {});
    Throwable error = Await.failure(outcome.future());
    assertThat(error).isInstanceOf(UpstreamFailureException.class);
    return ((UpstreamFailureException) error).failure();
  }
}
