package dev.warp2api.e2e.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimDrift;
import dev.warp2api.sim.SimFault;
import dev.warp2api.testing.LogLines;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The simulator changes its protocol in the ways Warp has changed before: the gateway keeps serving
 * what it understands, and {@code GET /admin/drift} and {@code /metrics} list exactly what it did
 * not, by number, never by content.
 */
class DriftReportThroughSimulatorTest {
  private static final String REFRESH = "rt-drift-report-7c1e0a55";
  private static final String ADMIN_KEY = "admin-drift-key-0b93";
  private static final ObjectMapper JSON = new ObjectMapper();

  @AutoClose
  final TestStack stack = TestStack.start(
      SimConfig.defaults().withAccounts(SimAccountSpec.of(REFRESH, "one", 100)),
      Map.of("WARP_REFRESH_TOKEN", REFRESH, "W2A_ADMIN_TOKEN", ADMIN_KEY));

  @Test
  void aChangedProtocolStillAnswersAndTheDriftReportNamesEachChangeByNumber() throws Exception {
    stack.sim.changeProtocol(SimDrift.values());
    HttpResponse<String> chat;
    List<String> warnings;
    try (LogLines logs = new LogLines()) {
      chat = stack.chat(false, "secret-words-of-the-user");
      stack.chat(true, "secret-words-of-the-user");
      warnings =
          logs.lines().stream().filter(l -> l.contains("event=upstream.drift")).toList();
    }
    assertThat(chat.statusCode()).isEqualTo(200);
    assertThat(chat.body()).contains("You said: secret-words-of-the-user");

    HttpResponse<String> r = stack.get("/admin/drift", "authorization", "Bearer " + ADMIN_KEY);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("secret-words", REFRESH.substring(0, 12));
    List<String> unknown = new ArrayList<>();
    for (JsonNode e : JSON.readTree(r.body()).path("entries")) {
      if (e.path("status").asText().equals("unknown")) {
        unknown.add(e.path("kind").asText() + " " + e.path("where").asText() + " "
            + e.path("value").asText());
        assertThat(e.path("first_seen").asText()).isNotEmpty();
        assertThat(e.path("count").asLong()).isPositive();
      }
    }
    assertThat(unknown)
        .contains(
            "event ResponseEvent field " + SimDrift.EVENT_FIELD,
            "action ClientAction field " + SimDrift.ACTION_FIELD,
            "message Message field " + SimDrift.MESSAGE_FIELD,
            "field StreamFinished field " + SimDrift.FINISH_FIELD,
            "finish_reason StreamFinished.reason field " + SimDrift.FINISH_REASON_FIELD);
    assertThat(warnings)
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l).startsWith("WARN").doesNotContain("secret-words"));

    String metrics =
        stack.get("/metrics", "authorization", "Bearer " + ADMIN_KEY).body();
    assertThat(metrics)
        .contains(
            "warp2api_upstream_unknown_total{kind=\"event\"}",
            "warp2api_upstream_unknown_total{kind=\"finish_reason\"}",
            "warp2api_upstream_deprecated_total{kind=\"framing\"}");
  }

  @Test
  void anErrorCodeThisVersionDoesNotKnowIsListed() throws Exception {
    stack.sim.enqueue(SimFault.NEW_ERROR_CODE);
    stack.chat(false, "hello");
    String body =
        stack.get("/admin/drift", "authorization", "Bearer " + ADMIN_KEY).body();
    assertThat(body).contains("\"kind\":\"error_code\"", SimFault.NEW_ERROR_CODE_VALUE);
  }

  @Test
  void theDriftReportFollowsTheAdminAccessRules() {
    assertThat(stack.get("/admin/drift").statusCode()).isEqualTo(401);
    assertThat(stack.get("/admin/drift", "authorization", "Bearer wrong-key").statusCode())
        .isEqualTo(401);
  }
}
