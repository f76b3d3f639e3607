package dev.warp2api.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCatalogResolutionTest {
  private final ModelCatalog catalog =
      new ModelCatalog(Map.of("My-Fast", "claude-4-5-haiku", "gpt-4o", "auto"));

  @Test
  void userAliasesWinOverBuiltInAliasesCaseInsensitively() {
    assertThat(catalog.resolve("my-fast")).contains("claude-4-5-haiku");
    assertThat(catalog.resolve("MY-FAST")).contains("claude-4-5-haiku");
    assertThat(catalog.resolve("GPT-4o")).contains("auto");
  }

  @Test
  void unknownClaudeIdsFallBackToTheirFamilyButOtherUnknownNamesDoNot() {
    ModelCatalog plain = new ModelCatalog(Map.of());
    assertThat(plain.resolve("claude-sonnet-5-20260301")).contains("claude-4-6-sonnet-high");
    assertThat(plain.resolve("claude-opus-5")).contains("claude-4-7-opus-high");
    assertThat(plain.resolve("Claude-Haiku-9")).contains("claude-4-5-haiku");
    assertThat(plain.resolve("claude-instant-1")).isEmpty();
    assertThat(plain.resolve("my-sonnet-model")).isEmpty();
  }

  @Test
  void builtInAliasesMapThe2025IdsAndOfficialNames() {
    ModelCatalog plain = new ModelCatalog(Map.of());
    assertThat(plain.resolve("claude-4-sonnet")).contains("claude-4-5-sonnet");
    assertThat(plain.resolve("claude-4.1-opus")).contains("claude-4-5-opus");
    assertThat(plain.resolve("gpt-5 (high reasoning)")).contains("gpt-5-5-high");
    assertThat(plain.resolve("warp-basic")).contains("auto-efficient");
    assertThat(plain.resolve("gemini-2.5-pro")).contains("gemini-3.1-pro");
    assertThat(plain.resolve("gpt-4o-mini")).contains("gpt-5-5-low");
    assertThat(plain.resolve("claude-sonnet-4-5")).contains("claude-4-5-sonnet");
    assertThat(plain.resolve("claude-opus-4-7")).contains("claude-4-7-opus-high");
    assertThat(plain.resolve("Claude-Haiku-4-5")).contains("claude-4-5-haiku");
  }

  @Test
  void ignoresTrailingDateSuffixOrLatest() {
    ModelCatalog plain = new ModelCatalog(Map.of());
    assertThat(plain.resolve("claude-sonnet-4-5-20250929")).contains("claude-4-5-sonnet");
    assertThat(plain.resolve("claude-3-7-sonnet-latest")).contains("claude-4-5-sonnet");
    assertThat(plain.resolve("gpt-4o-2024-08-06")).contains("gpt-5-5-low");
    assertThat(plain.resolve("claude-4-5-haiku-20251001")).contains("claude-4-5-haiku");
  }

  @Test
  void resolvesDocumentedWarpIdsKeepingTheirSpelling() {
    ModelCatalog plain = new ModelCatalog(Map.of());
    assertThat(plain.resolve("gpt-5-5-xhigh")).contains("gpt-5-5-xhigh");
    assertThat(plain.resolve("AUTO-GENIUS")).contains("auto-genius");
    assertThat(plain.resolve(" claude-4-5-sonnet ")).contains("claude-4-5-sonnet");
    assertThat(plain.hasAccountChoices()).isFalse();
    assertThat(plain.models())
        .extracting(ModelInfo::id)
        .contains(
            "auto",
            "auto-efficient",
            "auto-open",
            "claude-4-5-sonnet",
            "gemini-3.1-pro",
            "qwen-3.6-plus-fireworks");
  }

  @Test
  void unknownModelResolvesToNothing() {
    assertThat(catalog.resolve("gpt-17-ultra")).isEmpty();
    assertThat(catalog.resolve("")).isEmpty();
    assertThat(catalog.resolve(null)).isEmpty();
  }

  @Test
  void accountChoicesReplaceTheDocumentedList() {
    ModelCatalog plain = new ModelCatalog(Map.of());
    plain.updateChoices(
        List.of(new ModelInfo("Claude-9-Opus", "Claude 9 Opus", true, 400_000, "anthropic")));
    assertThat(plain.hasAccountChoices()).isTrue();
    assertThat(plain.models()).extracting(ModelInfo::id).containsExactly("Claude-9-Opus");
    assertThat(plain.resolve("claude-9-opus")).contains("Claude-9-Opus");
    assertThat(plain.resolve("gpt-5-5-xhigh")).as("documented ids are gone").isEmpty();
    assertThat(plain.find("CLAUDE-9-OPUS")).map(ModelInfo::contextWindow).contains(400_000);
    plain.updateChoices(List.of());
    assertThat(plain.hasAccountChoices()).isFalse();
    assertThat(plain.resolve("gpt-5-5-xhigh")).contains("gpt-5-5-xhigh");
  }

  @Test
  void aliasTargetResolvesEvenWhenTheAccountsDoNotOfferIt() {
    ModelCatalog plain = new ModelCatalog(Map.of());
    plain.updateChoices(List.of(ModelInfo.of("auto", "warp")));
    assertThat(plain.resolve("claude-sonnet-4-5")).contains("claude-4-5-sonnet");
  }

  @Test
  void everyBuiltInAliasPointsAtADocumentedWarpId() {
    ModelCatalog plain = new ModelCatalog(Map.of());
    ModelCatalog.builtInAliases()
        .forEach((alias, target) ->
            assertThat(plain.find(target)).as(alias + " -> " + target).isPresent());
  }
}
