package dev.warp2api.warp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.testing.Await;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class WarpClientRequestTest {
  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.c2lnbmF0dXJlLXNlY3JldA";

  @AutoClose
  private final StubUpstream stub = StubUpstream.start();

  private final WarpClient client = stub.own(new WarpClient(stub.vertx, stub.endpoints()));

  @Test
  void sendsIdentityHeadersBearerAndContentType() {
    stub.answer(200, "event:data\ndata:AA==\n\n", "content-type", "text/event-stream");
    drain(Await.result(client.send(Buffer.buffer(new byte[] {1, 2}), TOKEN)));

    var seen = stub.next();
    assertThat(seen.method()).isEqualTo("POST");
    assertThat(seen.uri()).isEqualTo("/ai/multi-agent");
    assertThat(seen.headers().get("accept")).isEqualTo("text/event-stream");
    assertThat(seen.headers().get("content-type")).isEqualTo("application/x-protobuf");
    assertThat(seen.headers().get("authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(seen.headers().get("x-warp-client-id")).isEqualTo("warp-app");
    assertThat(seen.headers().get("x-warp-client-version"))
        .isEqualTo("v0.2026.01.14.08.15.stable_04");
    assertThat(seen.headers().get("x-warp-os-category")).isEqualTo("Windows");
    assertThat(seen.headers().get("x-warp-os-name")).isEqualTo("Windows");
    assertThat(seen.headers().get("x-warp-os-version")).isEqualTo("11 (26100)");
    assertThat(seen.headers().contains("accept-encoding")).isFalse();
    assertThat(seen.headers().get("content-length")).isEqualTo("2");
  }

  @Test
  void forwardsBodyBytesUnchanged() {
    byte[] body = new byte[70_000];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (i * 31 + 7);
    }
    stub.answer(200, "");
    drain(Await.result(client.send(Buffer.buffer(body), TOKEN)));

    assertThat(stub.next().body().getBytes()).isEqualTo(body);
  }

  @Test
  void speaksHttp11OverPlainHttp() {
    stub.answer(200, "x");
    UpstreamResponse response = Await.result(client.send(Buffer.buffer("x"), TOKEN));
    drain(response);

    assertThat(response.protocol()).isEqualTo(HttpVersion.HTTP_1_1);
    assertThat(stub.next().version()).isEqualTo(HttpVersion.HTTP_1_1);
  }

  @Test
  void rejectsBlankAccessTokenNamingTheField() {
    assertThatThrownBy(() -> client.send(Buffer.buffer("x"), " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("accessToken");
  }

  private static String drain(UpstreamResponse response) {
    return Await.result(StubUpstream.drain(response));
  }
}
