package dev.warp2api.warp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.testing.Await;
import java.time.Clock;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code GetFeatureModelChoices}: agent-mode choices of all workspaces, de-duplicated, missing
 * fields tolerated.
 */
class WarpGraphqlModelsTest {
  private static final String ANSWER = """
      {"data":{"user":{"__typename":"UserOutput","user":{"workspaces":[
        {"featureModelChoice":{"agentMode":{"defaultId":"auto","choices":[
          {"id":"auto","displayName":"auto (responsive)","baseModelName":"auto","reasoningLevel":null,
           "visionSupported":true,"provider":"UNKNOWN","disableReason":null,
           "contextWindow":{"max":200000,"default":200000},"usageMetadata":{"creditMultiplier":1.0}},
          {"id":"claude-4-5-opus","displayName":"Claude Opus 4.5","visionSupported":true,"provider":"ANTHROPIC",
           "disableReason":"REQUIRES_UPGRADE","contextWindow":{"default":160000}},
          {"id":"gpt-5-2-high"}
        ]}}},
        {"featureModelChoice":{"agentMode":{"defaultId":"auto","choices":[
          {"id":"auto","displayName":"duplicate"},
          {"id":"gemini-3.1-pro","displayName":"Gemini 3.1 Pro","visionSupported":false,"provider":"GOOGLE"}
        ]}}},
        {"featureModelChoice":null}
      ]}}}}
      """;

  @AutoClose
  private final StubUpstream stub = StubUpstream.start();

  private final WarpGraphql graphql =
      stub.own(new WarpGraphql(stub.vertx, stub.endpoints(), Clock.systemUTC()));

  @Test
  void readsAgentModeChoicesOncePerIdInWarpsOrder() {
    stub.answer(200, ANSWER);

    var models = Await.result(graphql.featureModelChoices("tok"));

    assertThat(models)
        .containsExactly(
            new ModelChoice("auto", "auto (responsive)", true, 200_000, null, "UNKNOWN"),
            new ModelChoice(
                "claude-4-5-opus",
                "Claude Opus 4.5",
                true,
                160_000,
                "REQUIRES_UPGRADE",
                "ANTHROPIC"),
            new ModelChoice("gpt-5-2-high", "gpt-5-2-high", false, null, null, null),
            new ModelChoice("gemini-3.1-pro", "Gemini 3.1 Pro", false, null, null, "GOOGLE"));
    assertThat(models.get(1).enabled()).isFalse();
    var seen = stub.next();
    assertThat(seen.uri()).isEqualTo("/graphql/v2?op=GetFeatureModelChoices");
    assertThat(seen.body().toString()).contains("GetFeatureModelChoices").contains("agentMode");
  }

  @Test
  void userFacingErrorFails() {
    stub.answer(
        200,
        "{\"data\":{\"user\":{\"__typename\":\"UserFacingError\",\"error\":{\"message\":\"nope\"}}}}");
    assertThat(
            StubUpstream.upstreamFailureOf(graphql.featureModelChoices("tok")).safeDescription())
        .contains("nope");
  }
}
