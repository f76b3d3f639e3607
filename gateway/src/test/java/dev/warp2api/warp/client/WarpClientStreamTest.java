package dev.warp2api.warp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.testing.Await;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** A 200 body arrives as a stream: in chunks, with backpressure, and can be cancelled. */
class WarpClientStreamTest {
  @AutoClose
  private final StubUpstream stub = StubUpstream.start();

  private final WarpClient client = stub.own(new WarpClient(stub.vertx, stub.endpoints()));

  @Test
  void deliversEachEventAsItArrivesWithoutWaitingForTheEnd() {
    Promise<Void> firstSeenByClient = Promise.promise();
    stub.answer((req, body) -> {
      HttpServerResponse out =
          req.response().setChunked(true).putHeader("content-type", "text/event-stream");
      out.write("event:data\ndata:AQ==\n\n");
      // the second event is only written once the client has received the first: proves no
      // buffering
      firstSeenByClient
          .future()
          .onComplete(v -> out.write("event:data\ndata:Ag==\n\n").onComplete(w -> out.end()));
    });
    UpstreamResponse response = Await.result(client.send(Buffer.buffer("x"), "tok"));
    List<String> chunks = new CopyOnWriteArrayList<>();
    Promise<Void> ended = Promise.promise();
    response.endHandler(ended::complete).exceptionHandler(ended::fail).handler(chunk -> {
      chunks.add(chunk.toString());
      firstSeenByClient.tryComplete();
    });

    Await.result(ended.future());
    assertThat(String.join("", chunks))
        .isEqualTo("event:data\ndata:AQ==\n\nevent:data\ndata:Ag==\n\n");
    assertThat(chunks).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void pausedResponsePushesBackOnTheUpstream() {
    long total = 256L * 1024 * 1024;
    Buffer block = Buffer.buffer(new byte[64 * 1024]);
    Promise<Long> stalledAt = Promise.promise();
    stub.answer(
        (req, body) -> new Pump(req.response().setChunked(true), block, total, stalledAt).run());
    UpstreamResponse response = Await.result(client.send(Buffer.buffer("x"), "tok"));
    long[] received = {0};
    Promise<Void> ended = Promise.promise();
    response.pause();
    response
        .endHandler(ended::complete)
        .exceptionHandler(ended::fail)
        .handler(chunk -> received[0] += chunk.length());

    long stalled = Await.result(stalledAt.future());
    assertThat(stalled).as("the upstream's writes stall while we do not read").isLessThan(total);
    assertThat(received[0]).isZero();
    response.resume();
    Await.result(ended.future());
    assertThat(received[0]).isEqualTo(total);
  }

  /**
   * Writes {@code total} bytes as fast as the connection takes them; reports where it stalled for
   * 300 ms.
   */
  private static final class Pump {
    private final HttpServerResponse out;
    private final Buffer block;
    private final long total;
    private final Promise<Long> stalledAt;
    private long written;

    Pump(HttpServerResponse out, Buffer block, long total, Promise<Long> stalledAt) {
      this.out = out;
      this.block = block;
      this.total = total;
      this.stalledAt = stalledAt;
    }

    void run() {
      while (!out.writeQueueFull() && written < total) {
        out.write(block);
        written += block.length();
      }
      if (written >= total) {
        out.end();
        return;
      }
      long before = written;
      out.drainHandler(v -> run());
      Vertx.currentContext().owner().setTimer(300, id -> {
        if (written == before) {
          stalledAt.tryComplete(written);
        }
      });
    }
  }

  @Test
  void fetchDeliversOnlyWhatWasAskedFor() {
    stub.answer((req, body) -> {
      HttpServerResponse out = req.response().setChunked(true);
      out.write("a").compose(v -> out.write("b")).compose(v -> out.end("c"));
    });
    UpstreamResponse response = Await.result(client.send(Buffer.buffer("x"), "tok"));
    StringBuilder got = new StringBuilder();
    Promise<Void> ended = Promise.promise();
    response.pause();
    response.endHandler(ended::complete).handler(chunk -> got.append(chunk));
    response.fetch(Long.MAX_VALUE);

    Await.result(ended.future());
    assertThat(got.toString()).isEqualTo("abc");
  }

  @Test
  void cancelClosesTheUpstreamConnectionAtOnce() {
    Promise<Void> upstreamSawClose = Promise.promise();
    stub.answer((req, body) -> {
      HttpServerResponse out = req.response().setChunked(true);
      out.closeHandler(v -> upstreamSawClose.tryComplete());
      req.connection().closeHandler(v -> upstreamSawClose.tryComplete());
      out.write("event:data\ndata:AQ==\n\n"); // and never ends
    });
    UpstreamResponse response = Await.result(client.send(Buffer.buffer("x"), "tok"));
    Promise<Void> first = Promise.promise();
    List<String> after = new CopyOnWriteArrayList<>();
    response
        .endHandler(v -> after.add("end"))
        .exceptionHandler(e -> after.add("error"))
        .handler(c -> first.tryComplete());
    Await.result(first.future());

    response.cancel();

    Await.result(upstreamSawClose.future());
    assertThat(response.isCancelled()).isTrue();
    assertThat(after).isEmpty();
  }
}
