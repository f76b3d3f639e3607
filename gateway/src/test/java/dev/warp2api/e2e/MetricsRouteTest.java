package dev.warp2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class MetricsRouteTest {
  private static final String REFRESH = "rt-metrics-4e9a1c77";
  private static final String ADMIN_KEY = "admin-metrics-key-51d0";

  @AutoClose
  final TestStack stack = TestStack.start(
      SimConfig.defaults().withAccounts(SimAccountSpec.of(REFRESH, "one", 100)),
      Map.of("WARP_REFRESH_TOKEN", REFRESH, "W2A_ADMIN_TOKEN", ADMIN_KEY));

  @Test
  void metricsShowThePipelineTimingsToTheAdminOnlyAndNoSecret() {
    assertThat(stack.chat(false, "hello").statusCode()).isEqualTo(200);
    assertThat(stack.get("/metrics").statusCode()).isEqualTo(401);
    HttpResponse<String> r = stack.get("/metrics", "authorization", "Bearer " + ADMIN_KEY);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    assertThat(r.body())
        .contains(
            "warp2api_overhead_upstream_sent_seconds_bucket",
            "warp2api_overhead_first_byte_seconds_count")
        .contains("warp2api_requests_seconds_count{outcome=\"ok\"}")
        .doesNotContain(REFRESH.substring(0, 12), ADMIN_KEY.substring(0, 12));
  }

  @Test
  void eachGatewayHasItsOwnMetersSoASecondOneInTheSameJvmCountsNothingOfTheFirst() {
    assertThat(stack.chat(false, "hello").statusCode()).isEqualTo(200);
    try (TestStack other = TestStack.start(
        SimConfig.defaults().withAccounts(SimAccountSpec.of(REFRESH, "one", 100)),
        Map.of("WARP_REFRESH_TOKEN", REFRESH, "W2A_ADMIN_TOKEN", ADMIN_KEY))) {
      HttpResponse<String> r = other.get("/metrics", "authorization", "Bearer " + ADMIN_KEY);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body())
          .contains("warp2api_overhead_upstream_sent_seconds")
          .doesNotContain("outcome=\"ok\"");
    }
    assertThat(stack.get("/metrics", "authorization", "Bearer " + ADMIN_KEY).body())
        .contains("warp2api_requests_seconds_count{outcome=\"ok\"}");
  }
}
