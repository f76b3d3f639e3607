package dev.warp2api.e2e.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.errors.NotFoundException;
import com.openai.models.models.Model;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimModel;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.Await;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/models} lists the accounts' own model choices (the simulator's
 * {@code GetFeatureModelChoices}, read in the background at start), {@code /v1/models/{id}} answers
 * a listed id or an alias, and an unknown id is a 404 {@code model_not_found}.
 */
class ModelsRouteTest {
  private static final List<SimModel> ACCOUNT_MODELS = List.of(
      new SimModel("claude-4-5-sonnet", "Claude Sonnet 4.5", "ANTHROPIC", true, 200_000),
      new SimModel("sim-exclusive-model", "Sim Exclusive", "WARP", false, 64_000));

  @AutoClose
  private final TestStack stack = TestStack.start(
      SimConfig.defaults()
          .withModels(ACCOUNT_MODELS)
          .withAccounts(SimAccountSpec.of(OpenAiE2e.TOKEN, "alpha", 100)),
      Map.of(
          "WARP_REFRESH_TOKEN",
          OpenAiE2e.TOKEN,
          "W2A_MODEL_ALIASES",
          "team-default=claude-4-5-opus"));

  private List<String> listedIds() {
    HttpResponse<String> r = stack.get("/v1/models");
    Assertions.assertThat(r.statusCode()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    OpenAiE2e.parse(r.body()).get("data").forEach(m -> ids.add(m.get("id").asText()));
    return ids;
  }

  @Test
  void listShowsTheAccountsOwnModelChoicesOnceRead() throws Exception {
    boolean read =
        Await.within(Duration.ofSeconds(10), () -> listedIds().contains("sim-exclusive-model"));
    assertThat(read).as("the account's choices replace the documented list").isTrue();
    assertThat(listedIds()).containsExactly("claude-4-5-sonnet", "sim-exclusive-model");
    JsonNode list = OpenAiE2e.parse(stack.get("/v1/models").body());
    assertThat(list.get("object").asText()).isEqualTo("list");
    JsonNode exclusive = list.get("data").get(1);
    assertThat(exclusive.get("object").asText()).isEqualTo("model");
    assertThat(exclusive.get("owned_by").asText()).isEqualTo("warp");
    assertThat(exclusive.get("display_name").asText()).isEqualTo("Sim Exclusive");
    assertThat(exclusive.get("context_window").asInt()).isEqualTo(64_000);
    assertThat(exclusive.get("vision").asBoolean()).isFalse();
    assertThat(exclusive.get("provider").asText())
        .as("Warp's OPENAI/WARP enum, lower-cased like the documented list")
        .isEqualTo("warp");
    assertThat(list.get("data").get(0).get("provider").asText()).isEqualTo("anthropic");
    assertThat(stack.sim.graphqlCalls()).isPositive();
  }

  @Test
  void sdkListsAndRetrievesModelsAndAliasesAndUnknownIsNotFound() throws Exception {
    Await.within(Duration.ofSeconds(10), () -> listedIds().contains("sim-exclusive-model"));
    OpenAIClient client = OpenAiE2e.sdk(stack, "any-key");
    try {
      List<String> ids = new ArrayList<>();
      client.models().list().autoPager().forEach(m -> ids.add(m.id()));
      assertThat(ids).contains("claude-4-5-sonnet", "sim-exclusive-model");

      Model sonnet = client.models().retrieve("claude-4-5-sonnet");
      assertThat(sonnet.id()).isEqualTo("claude-4-5-sonnet");
      assertThat(sonnet.ownedBy()).isEqualTo("warp");
      assertThat(client.models().retrieve("claude-sonnet-4-5-20250929").id())
          .isEqualTo("claude-sonnet-4-5-20250929");

      NotFoundException e = Assertions.catchThrowableOfType(
          NotFoundException.class, () -> client.models().retrieve("no-such-model-xyz"));
      assertThat(e.statusCode()).isEqualTo(404);
      assertThat(e.code()).contains("model_not_found");
    } finally {
      client.close();
    }
    HttpResponse<String> raw = stack.get("/v1/models/no-such-model-xyz");
    assertThat(raw.statusCode()).isEqualTo(404);
    JsonNode error = OpenAiE2e.parse(raw.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("model_not_found");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("message").asText()).contains("no-such-model-xyz");
  }

  @Test
  void configuredAliasIsServedUnderItsOwnNameAndReachesWarpAsItsTarget() throws Exception {
    stack.sim.enqueue(SimReply.text("aliased"));
    HttpResponse<String> r = stack.post(
        "/v1/chat/completions",
        "{\"model\":\"Team-Default\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(OpenAiE2e.parse(r.body()).get("model").asText()).isEqualTo("Team-Default");
    assertThat(stack.sim.takeRequest().request().getSettings().getModelConfig().getBase())
        .isEqualTo("claude-4-5-opus");
    HttpResponse<String> model = stack.get("/v1/models/team-default");
    assertThat(model.statusCode()).isEqualTo(200);
    assertThat(OpenAiE2e.parse(model.body()).get("id").asText()).isEqualTo("team-default");
  }
}
