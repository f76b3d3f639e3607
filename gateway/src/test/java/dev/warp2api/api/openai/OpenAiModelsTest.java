package dev.warp2api.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.api.ModelCatalog;
import dev.warp2api.api.ModelInfo;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiModelsTest {

  @Test
  void listsModelObjectsWithOptionalFactsOnlyWhenKnown() {
    String json = OpenAiJson.write(OpenAiModels.list(List.of(
        new ModelInfo("claude-4-5-opus", "Claude Opus 4.5", true, 200000, "anthropic"),
        ModelInfo.of("auto", null))));
    assertThat(json)
        .isEqualTo(
            "{\"object\":\"list\",\"data\":["
                + "{\"id\":\"claude-4-5-opus\",\"object\":\"model\",\"created\":1735689600,\"owned_by\":\"warp\","
                + "\"display_name\":\"Claude Opus 4.5\",\"context_window\":200000,\"vision\":true,\"provider\":\"anthropic\"},"
                + "{\"id\":\"auto\",\"object\":\"model\",\"created\":1735689600,\"owned_by\":\"warp\"}]}");
  }

  @Test
  void getsAListedModelCaseInsensitively() {
    ModelCatalog catalog = new ModelCatalog(Map.of());
    assertThat(OpenAiModels.get(catalog, "Claude-4-5-Sonnet").get("id").asText())
        .isEqualTo("claude-4-5-sonnet");
  }

  @Test
  void getsAnAliasUnderTheRequestedNameWithItsTargetsFacts() {
    ModelCatalog catalog = new ModelCatalog(Map.of());
    catalog.updateChoices(List.of(
        new ModelInfo("claude-4-5-sonnet", "Claude Sonnet 4.5", true, 200000, "anthropic")));
    var model = OpenAiModels.get(catalog, "claude-sonnet-4-5-20250929");
    assertThat(model.get("id").asText()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(model.get("display_name").asText()).isEqualTo("Claude Sonnet 4.5");
  }

  @Test
  void unknownModelIsModelNotFound() {
    assertThatThrownBy(() -> OpenAiModels.get(new ModelCatalog(Map.of()), "gpt-17"))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND);
          assertThat(OpenAiErrors.body(e).at("/error/code").asText()).isEqualTo("model_not_found");
        });
  }
}
