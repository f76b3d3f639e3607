package dev.warp2api.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraphqlTest {
  private final MutableClock clock = MutableClock.startingAtDefault();
  private SimFixture f;
  private String jwt;

  @BeforeEach
  void setUp() throws Exception {
    f = new SimFixture(SimConfig.defaults()
        .withClock(clock)
        .withModels(List.of(
            new SimModel("claude-4-5-sonnet", "Claude Sonnet 4.5", "ANTHROPIC", true, 200_000),
            new SimModel("glm-5-fireworks", "GLM 5", "FIREWORKS", false, 128_000)))
        .withAccounts(SimAccountSpec.of("rt-a", "personal-1", 150)
            .withUsed(10)
            .withNextRefreshTime(Instant.parse("2026-02-21T14:06:36.156167Z"))));
    jwt = f.accessToken("rt-a");
  }

  @AfterEach
  void tearDown() throws Exception {
    f.close();
  }

  private static JsonObject user(String body) {
    JsonObject user = new JsonObject(body).getJsonObject("data").getJsonObject("user");
    assertThat(user.getString("__typename")).isEqualTo("UserOutput");
    return user.getJsonObject("user");
  }

  @Test
  void requestLimitInfoReflectsUsage() throws Exception {
    f.ai(jwt, SimFixture.request("x"));
    f.ai(jwt, SimFixture.request("y"));
    var r = f.graphql(jwt, "GetRequestLimitInfo");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject info = user(r.body()).getJsonObject("requestLimitInfo");
    assertThat(info.getBoolean("isUnlimited")).isFalse();
    assertThat(info.getLong("requestLimit")).isEqualTo(150);
    assertThat(info.getLong("requestsUsedSinceLastRefresh")).isEqualTo(12);
    assertThat(info.getString("nextRefreshTime")).isEqualTo("2026-02-21T14:06:36.156167Z");
    assertThat(info.getString("requestLimitRefreshDuration")).isEqualTo("MONTHLY");
    assertThat(f.sim.graphqlCalls()).isEqualTo(1);
  }

  @Test
  void modelChoicesComeFromConfig() throws Exception {
    JsonObject agentMode = user(f.graphql(jwt, "GetFeatureModelChoices").body())
        .getJsonArray("workspaces")
        .getJsonObject(0)
        .getJsonObject("featureModelChoice")
        .getJsonObject("agentMode");
    assertThat(agentMode.getString("defaultId")).isEqualTo("claude-4-5-sonnet");
    var first = agentMode.getJsonArray("choices").getJsonObject(0);
    assertThat(first.getString("displayName")).isEqualTo("Claude Sonnet 4.5");
    assertThat(first.getBoolean("visionSupported")).isTrue();
    assertThat(first.getJsonObject("contextWindow").getInteger("max")).isEqualTo(200_000);
    assertThat(agentMode.getJsonArray("choices").getJsonObject(1).getString("id"))
        .isEqualTo("glm-5-fireworks");
  }

  @Test
  void defaultModelListHoldsThe2026OfficialIds() {
    assertThat(SimModel.defaults())
        .extracting(SimModel::id)
        .contains(
            "claude-4-5-opus",
            "claude-4-5-sonnet",
            "gpt-5-5-high",
            "gemini-3.1-pro",
            "kimi-k26-fireworks");
  }

  @Test
  void unknownOperationGetsGraphqlErrors() throws Exception {
    var r = f.graphql(jwt, "DeleteEverything");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(
            new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0).getString("message"))
        .contains("DeleteEverything");
  }

  @Test
  void rejectsMissingOrExpiredBearer() throws Exception {
    assertThat(f.graphql(null, "GetRequestLimitInfo").statusCode()).isEqualTo(401);
    clock.advance(Duration.ofHours(2));
    assertThat(f.graphql(jwt, "GetRequestLimitInfo").statusCode()).isEqualTo(401);
  }
}
