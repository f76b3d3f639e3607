package dev.warp2api.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Paced streams run on event-loop timers: many of them at once finish in about their paced
 * duration.
 */
class SlowStreamTest {
  private SimFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new SimFixture(SimConfig.defaults());
  }

  @AfterEach
  void tearDown() throws Exception {
    f.close();
  }

  @Test
  void pacesEventsWithTimers() throws Exception {
    f.sim.enqueue(SimReply.text("a b c").inDeltas(3).slow(Duration.ofMillis(40)));
    long start = System.nanoTime();
    var r = f.ai(f.accessToken("rt"), SimFixture.request("x"));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(SimFixture.events(r.body())).hasSize(12);
    assertThat(ms).isGreaterThanOrEqualTo(11 * 40);
  }

  @Test
  void servesFiveHundredConcurrentPacedStreams() throws Exception {
    int streams = 500;
    String jwt = f.accessToken("rt");
    for (int i = 0; i < streams; i++) {
      f.sim.enqueue(SimReply.events(20, Duration.ofMillis(50)));
    }
    Vertx vertx = f.vertx;
    HttpClient client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(streams));
    Buffer body = Buffer.buffer(SimFixture.request("x").toByteArray());
    long start = System.nanoTime();
    List<Future<Buffer>> all = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      all.add(client
          .request(new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setAbsoluteURI(f.sim.baseUrl() + "/ai/multi-agent")
              .putHeader("authorization", "Bearer " + jwt))
          .compose(req -> req.send(body))
          .compose(HttpClientResponse::body));
    }
    List<Buffer> bodies = Future.all(all)
        .map(cf -> cf.<Buffer>list())
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    for (Buffer b : bodies) {
      assertThat(SimFixture.events(b.toString())).hasSize(20);
    }
    assertThat(ms).as("1 s of pacing, generous for a shared 2-core machine").isLessThan(20_000);
    client.close();
  }
}
