package dev.warp2api.warp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code https://} negotiates HTTP/2 by ALPN and spreads streams over more connections past the
 * stream limit.
 */
class WarpClientHttp2Test {
  private static final int MAX_STREAMS = 2;
  private static final int CALLS = 6;

  private Vertx vertx;
  private HttpServer server;
  private final Set<Object> connections = ConcurrentHashMap.newKeySet();
  private final List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
  private final List<HttpVersion> versions = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost("127.0.0.1")
        .setPort(0)
        .setSsl(true)
        .setUseAlpn(true)
        .setKeyCertOptions(cert.keyCertOptions())
        .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(MAX_STREAMS)));
    server.requestHandler(req -> {
      connections.add(req.connection());
      versions.add(req.version());
      held.add(req);
      if (held.size() == CALLS) {
        held.forEach(r -> r.response().end("event:data\ndata:AA==\n\n"));
      }
    });
    Await.result(server.listen());
  }

  @AfterEach
  void stop() {
    Await.result(server.close());
    Await.result(vertx.close());
  }

  @Test
  void negotiatesHttp2AndOpensMoreConnectionsAtTheStreamLimit() {
    var endpoints = new WarpEndpoints(
        URI.create("https://127.0.0.1:" + server.actualPort() + "/ai/multi-agent"),
        null,
        null,
        StubUpstream.IDENTITY,
        true,
        null,
        null);
    try (WarpClient client =
        new WarpClient(vertx, endpoints, TransportOptions.defaults(), Clock.systemUTC())) {
      List<Future<String>> bodies = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        bodies.add(client.send(Buffer.buffer("x"), "tok").compose(WarpClientHttp2Test::drain));
      }
      for (Future<String> body : bodies) {
        assertThat(Await.result(body)).isEqualTo("event:data\ndata:AA==\n\n");
      }
    }
    assertThat(versions).hasSize(CALLS).containsOnly(HttpVersion.HTTP_2);
    assertThat(connections.size()).isGreaterThanOrEqualTo(CALLS / MAX_STREAMS);
  }

  @Test
  void untrustedCertificateIsRejectedUnlessInsecureTlsIsSet() {
    var endpoints = new WarpEndpoints(
        URI.create("https://127.0.0.1:" + server.actualPort() + "/ai/multi-agent"),
        null,
        null,
        StubUpstream.IDENTITY,
        false,
        null,
        null);
    try (WarpClient client = new WarpClient(vertx, endpoints)) {
      UpstreamFailure failure =
          StubUpstream.upstreamFailureOf(client.send(Buffer.buffer("x"), "tok"));
      assertThat(failure).isInstanceOf(UpstreamFailure.Transient.class);
      assertThat(failure.safeDescription()).doesNotContain("tok\b");
    }
    assertThat(versions).isEmpty();
  }

  private static Future<String> drain(UpstreamResponse response) {
    assertThat(response.protocol()).isEqualTo(HttpVersion.HTTP_2);
    return StubUpstream.drain(response);
  }
}
