package dev.warp2api.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Several event loops serve one port and share one state: credits, scripts and the record. */
class SharedEventLoopsTest {
  @Test
  void spreadsConnectionsOverEventLoopsWithOneSharedState() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      SimConfig config =
          SimConfig.defaults().withAccounts(SimAccountSpec.of("rt-a", "personal-1", 30));
      WarpSimulator sim = Await.result(WarpSimulator.start(vertx, config, 0, 3));
      String jwt = null;
      Set<Integer> statuses = new HashSet<>();
      for (int i = 0; i < 40; i++) {
        // a new client per call forces a new connection, so connections rotate over the event loops
        HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        if (jwt == null) {
          var r = http.send(
              HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/proxy/token?key=k"))
                  .POST(HttpRequest.BodyPublishers.ofString(
                      "grant_type=refresh_token&refresh_token=rt-a"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
          jwt = new JsonObject(r.body()).getString("access_token");
        }
        var r = http.send(
            HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/ai/multi-agent"))
                .header("authorization", "Bearer " + jwt)
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                    SimFixture.request("q" + i).toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        statuses.add(r.statusCode());
        http.close();
      }
      assertThat(statuses).containsExactlyInAnyOrder(200, 429);
      assertThat(sim.creditsUsed("personal-1")).isEqualTo(30);
      assertThat(sim.requestCount()).isEqualTo(40);
      assertThat(sim.requests().stream().filter(r -> r.status() == 200)).hasSize(30);
      Await.result(sim.close());
    } finally {
      Await.result(vertx.close());
    }
  }
}
