package dev.warp2api.e2e.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.testing.TestStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** 50 concurrent chat requests on a fresh gateway share one token refresh of their credential. */
class SingleFlightRefreshTest {
  @AutoClose
  private final TestStack stack = TestStack.start(
      SimConfig.defaults().withAccounts(SimAccountSpec.of(PoolStacks.P1, "personal-1", 1000)),
      Map.of("WARP_REFRESH_TOKEN", PoolStacks.P1));

  @Test
  void fiftyConcurrentRequestsMakeExactlyOneRefreshCall() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      HttpRequest request = HttpRequest.newBuilder(
              URI.create(stack.baseUrl() + "/v1/chat/completions"))
          .header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"model\":\"claude-4-5-sonnet\",\"stream\":" + (i % 2 == 0)
                  + ",\"messages\":[{\"role\":\"user\",\"content\":\"request " + i + "\"}]}"))
          .build();
      all.add(stack.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    for (CompletableFuture<HttpResponse<String>> f : all) {
      assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(200);
    }
    assertThat(stack.sim.requestCount()).isEqualTo(50);
    assertThat(stack.sim.refreshCount("personal-1")).isEqualTo(1);
  }
}
