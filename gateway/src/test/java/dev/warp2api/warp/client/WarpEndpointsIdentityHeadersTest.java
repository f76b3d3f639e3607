package dev.warp2api.warp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.config.WarpIdentity;
import dev.warp2api.testing.Await;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class WarpEndpointsIdentityHeadersTest {
  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.c2lnbmF0dXJlLXNlY3JldA";

  @AutoClose
  private final StubUpstream stub = StubUpstream.start();

  @Test
  void listsTheIdentityHeadersInSendingOrderWithoutBlankOnes() {
    WarpEndpoints endpoints = new WarpEndpoints(
        URI.create("http://127.0.0.1:1/ai/multi-agent"),
        null,
        null,
        new WarpIdentity("v0.2026.06.03.09.49.stable_00", "macOS", " ", null),
        false,
        null,
        null);

    assertThat(endpoints.identityHeaders())
        .containsExactly(
            Map.entry("x-warp-client-id", "warp-app"),
            Map.entry("x-warp-client-version", "v0.2026.06.03.09.49.stable_00"),
            Map.entry("x-warp-os-category", "macOS"));
  }

  @Test
  void everyListedIdentityHeaderIsWhatTheClientSends() {
    WarpClient client = stub.own(new WarpClient(stub.vertx, stub.endpoints()));
    stub.answer(200, "event:data\ndata:AA==\n\n", "content-type", "text/event-stream");
    Await.result(client.send(Buffer.buffer(new byte[] {1}), TOKEN)).cancel();

    var seen = stub.next().headers();
    Map<String, String> listed = stub.endpoints().identityHeaders();
    assertThat(listed).hasSize(5);
    listed.forEach((name, value) -> assertThat(seen.get(name)).as(name).isEqualTo(value));
  }
}
