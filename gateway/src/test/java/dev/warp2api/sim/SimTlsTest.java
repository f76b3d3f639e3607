package dev.warp2api.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code sim --tls}: TLS with HTTP/2 by ALPN, the advertised stream limit, GOAWAY and resets, and
 * the record.
 */
class SimTlsTest {
  private final Vertx vertx = Vertx.vertx();
  private WarpSimulator sim;

  private WarpSimulator start(int maxStreams) throws Exception {
    sim = WarpSimulator.start(vertx, SimConfig.defaults(), 0, 1, SimServing.tls(maxStreams))
        .await(10, TimeUnit.SECONDS);
    return sim;
  }

  @AfterEach
  void stop() throws Exception {
    if (sim != null) {
      sim.close().await(5, TimeUnit.SECONDS);
    }
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  /** Held: Vert.x closes a client (and its connections) once it is garbage. */
  private HttpClientAgent agent;

  private HttpClientAgent client(HttpVersion... alpn) {
    return agent = vertx
        .httpClientBuilder()
        .with(new HttpClientOptions()
            .setSsl(true)
            .setUseAlpn(true)
            .setTrustAll(true)
            .setVerifyHost(false)
            .setProtocolVersion(alpn[0])
            .setAlpnVersions(List.of(alpn)))
        .build();
  }

  private HttpClientConnection connect(HttpClientAgent client) throws Exception {
    return client
        .connect(
            new HttpConnectOptions().setHost("127.0.0.1").setPort(sim.port()).setSsl(true))
        .await(10, TimeUnit.SECONDS);
  }

  private static Future<HttpClientResponse> post(
      io.vertx.core.http.HttpClient http, String path, Buffer body, String bearer) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI(path);
    if (bearer != null) {
      options.putHeader("authorization", "Bearer " + bearer);
    }
    return http.request(options).compose(req -> req.send(body));
  }

  /**
   * A token from the simulator. Its token endpoint has twice in CI (of about 50 runs) answered the
   * first request on a new HTTP/2 connection with an empty body; the cause is not known yet. Three
   * tries, then a failure naming what came back: these tests are about streams, not tokens.
   */
  private static String token(io.vertx.core.http.HttpClient http) throws Exception {
    Buffer form = Buffer.buffer("grant_type=refresh_token&refresh_token=rt-1");
    String last = "";
    for (int attempt = 0; attempt < 3; attempt++) {
      JsonObject answer = post(http, "/proxy/token", form, null)
          .compose(r -> r.body()
              .map(b -> new JsonObject().put("status", r.statusCode()).put("body", b.toString())))
          .await(10, TimeUnit.SECONDS);
      String body = answer.getString("body");
      if (answer.getInteger("status") == 200 && !body.isEmpty()) {
        return new JsonObject(body).getString("access_token");
      }
      last = answer.getInteger("status") + " '" + body + "'";
    }
    throw new AssertionError("the token endpoint answered " + last + " three times");
  }

  @Test
  void tlsNegotiatesHttp2AdvertisesTheStreamLimitAndRecordsStreamsPerConnection() throws Exception {
    start(7);
    assertThat(sim.baseUrl()).startsWith("https://127.0.0.1:");
    HttpClientConnection conn = connect(client(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
    assertThat(conn.protocolVersion()).isEqualTo(HttpVersion.HTTP_2);
    String jwt = token(conn);
    assertThat(conn.maxActiveStreams()).isEqualTo(7);
    Buffer body = Buffer.buffer(SimFixture.request("hi").toByteArray());
    List<Future<Buffer>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calls.add(post(conn, "/ai/multi-agent", body, jwt).compose(HttpClientResponse::body));
    }
    Future.all(calls).await(10, TimeUnit.SECONDS);
    List<SimConnection> seen = sim.connections();
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).protocol()).isEqualTo("h2");
    assertThat(seen.get(0).tls()).isTrue();
    assertThat(seen.get(0).streams()).isEqualTo(6);
    assertThat(seen.get(0).paths()).isEqualTo(Set.of("/proxy/token", "/ai/multi-agent"));
    assertThat(sim.connectionCount()).isEqualTo(1);
  }

  @Test
  void aClientOfferingOnlyHttp11IsServedHttp11OverTls() throws Exception {
    start(100);
    HttpClientConnection conn = connect(client(HttpVersion.HTTP_1_1));
    assertThat(conn.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
    token(conn);
    assertThat(sim.connections())
        .singleElement()
        .extracting(SimConnection::protocol)
        .isEqualTo("http/1.1");
  }

  @Test
  void goAwayRefusesTheRequestUnprocessedAndEarlierStreamsFinish() throws Exception {
    start(100);
    HttpClientConnection conn = connect(client(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
    String jwt = token(conn);
    Buffer body = Buffer.buffer(SimFixture.request("hi").toByteArray());
    sim.enqueue(SimReply.text("slow one").slow(java.time.Duration.ofMillis(50)));
    Future<String> earlier = post(conn, "/ai/multi-agent", body, jwt)
        .compose(HttpClientResponse::body)
        .map(Buffer::toString);
    sim.takeRequest();
    sim.enqueue(SimFault.GOAWAY);
    Throwable refused = post(conn, "/ai/multi-agent", body, jwt)
        .compose(HttpClientResponse::body)
        .transform(ar -> Future.succeededFuture(ar.cause()))
        .await(10, TimeUnit.SECONDS);
    assertThat(refused).isInstanceOf(HttpClosedException.class);
    assertThat(refused.getMessage()).contains("GOAWAY");
    assertThat(earlier.await(10, TimeUnit.SECONDS)).contains("data:");
    assertThat(sim.goAwaysSent()).isEqualTo(1);
    assertThat(sim.requestCount()).isEqualTo(1);
  }

  @Test
  void aResetBeforeTheResponseEndsOnlyThatStream() throws Exception {
    start(100);
    HttpClientConnection conn = connect(client(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
    String jwt = token(conn);
    Buffer body = Buffer.buffer(SimFixture.request("hi").toByteArray());
    sim.enqueue(SimFault.DISCONNECT_BEFORE_RESPONSE);
    Throwable reset = post(conn, "/ai/multi-agent", body, jwt)
        .transform(ar -> Future.succeededFuture(ar.cause()))
        .await(10, TimeUnit.SECONDS);
    assertThat(reset).isInstanceOf(StreamResetException.class);
    assertThat(
            post(conn, "/ai/multi-agent", body, jwt).await(10, TimeUnit.SECONDS).statusCode())
        .isEqualTo(200);
    assertThat(sim.resetsSent()).isEqualTo(1);
    assertThat(sim.connectionCount()).isEqualTo(1);
  }
}
