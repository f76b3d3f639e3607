package dev.warp2api.e2e.usage;

import static dev.warp2api.e2e.usage.KeyStacks.MODEL;
import static dev.warp2api.e2e.usage.KeyStacks.admin;
import static dev.warp2api.e2e.usage.KeyStacks.chat;
import static dev.warp2api.e2e.usage.KeyStacks.create;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.testing.TestStack;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} (docs/OPERATIONS.md, 'Metrics'): per credential state and quota, per key and
 * model requests and tokens, the upstream and added-time histograms, requests in flight; labels
 * bounded, no secret.
 */
class UsageMetricsTest {
  private static final String LEGACY = "legacy-metrics-token-61c2";

  @AutoClose
  final TestStack stack = KeyStacks.start("API_TOKEN", LEGACY);

  @Test
  void metricsCountRequestsAndTokensPerKeyAndModelAndShowEachCredential() {
    String secret = create(stack, "{\"name\":\"team-m\",\"requests_per_minute\":2}");
    assertThat(chat(stack, secret, MODEL).statusCode()).isEqualTo(200);
    assertThat(chat(stack, secret, MODEL).statusCode()).isEqualTo(200);
    assertThat(chat(stack, secret, MODEL).statusCode()).isEqualTo(429);
    assertThat(chat(stack, LEGACY, MODEL).statusCode()).isEqualTo(200);
    stack.await(
        "the quota was read", () -> metrics().contains("warp2api_credential_quota_remaining"));

    String m = metrics();
    assertThat(m)
        .contains("warp2api_client_requests_total{key=\"team-m\",model=\"" + MODEL
            + "\",outcome=\"ok\"} 2.0")
        .contains("warp2api_client_requests_total{key=\"team-m\",model=\"" + MODEL
            + "\",outcome=\"error\"} 1.0")
        .contains("warp2api_client_requests_total{key=\"api_token\",model=\"" + MODEL
            + "\",outcome=\"ok\"} 1.0")
        .contains(
            "warp2api_client_tokens_total{key=\"team-m\",model=\"" + MODEL + "\",type=\"input\"}")
        .contains("warp2api_upstream_seconds_bucket", "warp2api_gateway_added_seconds_count")
        .contains("warp2api_requests_in_flight 0.0")
        .contains("warp2api_credential_quota_resets_at_seconds{credential=")
        .contains("warp2api_failovers_total");
    List<String> states = m.lines()
        .filter(l -> l.startsWith("warp2api_credential_state{") && l.endsWith(" 1.0"))
        .toList();
    assertThat(states).hasSize(1);
    assertThat(states.get(0)).contains("state=\"available\"");
    assertThat(m).doesNotContain(secret.substring(4, 14), LEGACY, KeyStacks.REFRESH);
  }

  private String metrics() {
    return admin(stack, "GET", "/metrics", null).body();
  }
}
