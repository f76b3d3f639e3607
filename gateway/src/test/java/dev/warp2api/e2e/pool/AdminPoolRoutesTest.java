package dev.warp2api.e2e.pool;

import static dev.warp2api.e2e.pool.PoolStacks.credential;
import static dev.warp2api.e2e.pool.PoolStacks.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.testing.TestStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code /admin/pool} has exactly the shape of docs/API.md, 'Admin'; credentials are added and
 * removed at run time, persisted.
 */
class AdminPoolRoutesTest {
  static final String ADDED = "rt-added-at-runtime-3e9a71c4f02b";

  @AutoClose
  private final TestStack stack = PoolStacks.startWithSpare(ADDED);

  @Test
  void poolJsonHasExactlyTheContractsFields() {
    assertThat(stack.chat(false, "hi").statusCode()).isEqualTo(200);
    JsonNode pool = PoolStacks.pool(stack);
    assertThat(names(pool)).containsExactly("credentials");
    assertThat(pool.path("credentials")).hasSize(3);
    JsonNode p1 = credential(stack, "personal-1");
    assertThat(names(p1))
        .containsExactlyInAnyOrder(
            "name",
            "tier",
            "fingerprint",
            "state",
            "quota",
            "failures",
            "cooldown_until",
            "last_used",
            "requests");
    assertThat(names(p1.path("quota"))).containsExactlyInAnyOrder("limit", "used", "resets_at");
    assertThat(p1.path("tier").asText()).isEqualTo("personal");
    assertThat(p1.path("fingerprint").asText())
        .isEqualTo(SimAccountSpec.fingerprint(PoolStacks.P1));
    assertThat(p1.path("state").asText()).isEqualTo("available");
    assertThat(p1.path("failures").isInt()).isTrue();
    assertThat(p1.path("cooldown_until").isNull()).isTrue();
    assertThat(p1.path("last_used").asText()).isEqualTo("2026-01-15T10:00:00Z");
    assertThat(p1.path("requests").asLong()).isEqualTo(1);
    assertThat(p1.at("/quota/limit").asLong()).isEqualTo(100);
    assertThat(p1.at("/quota/resets_at").asText()).isEqualTo("2026-02-14T10:00:00Z");
  }

  @Test
  void addedCredentialIsNamedPersistedAcrossRestartAndRemovable() {
    HttpResponse<String> added = stack.post(
        "/admin/pool/credentials", "{\"tier\":\"shared\",\"refresh_token\":\"" + ADDED + "\"}");
    assertThat(added.statusCode()).as(added.body()).isBetween(200, 201);
    assertThat(added.body())
        .contains("\"shared-2\"")
        .doesNotContain(ADDED)
        .doesNotContain(ADDED.substring(0, 12));
    assertThat(credential(stack, "shared-2").path("fingerprint").asText())
        .isEqualTo(SimAccountSpec.fingerprint(ADDED));

    stack.restartGateway();
    assertThat(credential(stack, "shared-2").path("fingerprint").asText())
        .isEqualTo(SimAccountSpec.fingerprint(ADDED));

    HttpResponse<String> removed = stack.send(
        HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/admin/pool/credentials/shared-2"))
            .DELETE()
            .build());
    assertThat(removed.statusCode()).isEqualTo(200);
    assertThat(removed.body()).contains("shared-2").doesNotContain(ADDED);
    assertThat(credential(stack, "shared-2").isMissingNode()).isTrue();
    stack.restartGateway();
    assertThat(credential(stack, "shared-2").isMissingNode()).isTrue();
  }

  @Test
  void addRejectsAMissingTokenNamingTheField() {
    HttpResponse<String> r = stack.post("/admin/pool/credentials", "{\"tier\":\"shared\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("refresh_token");
  }

  @Test
  void recoverReturnsDisabledCredentialsAndCheckReportsEach() {
    stack.gateway.pool().disable("personal-2");
    assertThat(credential(stack, "personal-2").path("state").asText()).isEqualTo("disabled");

    HttpResponse<String> recovered = stack.post("/admin/pool/recover", "{}");
    assertThat(recovered.statusCode()).isEqualTo(200);
    assertThat(json(recovered.body()).path("credentials")).hasSize(3);
    assertThat(credential(stack, "personal-2").path("state").asText()).isEqualTo("available");

    HttpResponse<String> checked = stack.post("/admin/pool/check", "{}");
    assertThat(checked.statusCode()).isEqualTo(200);
    JsonNode checks = json(checked.body()).path("checks");
    assertThat(names(checks)).containsExactlyInAnyOrder("personal-1", "personal-2", "shared-1");
    checks.forEach(c -> assertThat(c.asText()).isEqualTo("ok"));
  }

  @Test
  void disablingOneCredentialByNameTakesItOutOfServiceAndUnknownNamesAre404() {
    HttpResponse<String> disabled = stack.post("/admin/pool/credentials/personal-1/disable", "{}");
    assertThat(disabled.statusCode()).isEqualTo(200);
    JsonNode answer = json(disabled.body()).path("credentials");
    assertThat(answer).hasSize(1);
    assertThat(answer.get(0).path("name").asText()).isEqualTo("personal-1");
    assertThat(answer.get(0).path("state").asText()).isEqualTo("disabled");
    assertThat(disabled.body()).doesNotContain(PoolStacks.P1);

    assertThat(stack.chat(false, "hi").statusCode()).isEqualTo(200);
    assertThat(stack.upstreamAccounts()).doesNotContain("personal-1");
    assertThat(stack.post("/admin/pool/credentials/personal-9/disable", "{}").statusCode())
        .isEqualTo(404);
  }

  static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
