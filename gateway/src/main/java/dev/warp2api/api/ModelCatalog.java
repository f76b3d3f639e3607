package dev.warp2api.api;

import dev.warp2api.config.Settings;
import dev.warp2api.config.TranslationSettings;
import dev.warp2api.core.ModelResolver;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The models the gateway offers and how a client's model name becomes a Warp id (docs/API.md,
 * 'Model names'). Shared by both dialects.
 *
 * <p>Resolution, case-insensitive, first match wins:
 *
 * <ol>
 *   <li>{@code W2A_MODEL_ALIASES} ({@link TranslationSettings#modelAliases()});
 *   <li>the built-in alias table ({@code BuiltInAliases}: the original's 2025 ids and official
 *       OpenAI, Anthropic and Google names);
 *   <li>the current Warp ids: the accounts' choices given to {@link #updateChoices}, else Warp's
 *       documented 2026 list.
 * </ol>
 *
 * Each step tries the name as sent, then without a trailing date suffix ({@code -20250929},
 * {@code -2024-08-06}) or {@code -latest}. An alias's target is returned even when it is not among
 * the current Warp ids: Warp decides whether the account may use it.
 *
 * <p>Thread-safe: the Warp ids are one immutable snapshot replaced atomically; reads never block.
 */
public final class ModelCatalog implements ModelResolver {
  private static final Pattern DATE_SUFFIX =
      Pattern.compile("-(\\d{8}|\\d{4}-\\d{2}-\\d{2}|latest)$");

  private final Map<String, String> userAliases;
  private volatile Snapshot snapshot;

  /** One consistent view of the Warp ids: the list as offered and a lower-case index. */
  private record Snapshot(
      List<ModelInfo> models, Map<String, String> idsByLowerCase, boolean fromAccounts) {
    static Snapshot of(List<ModelInfo> models, boolean fromAccounts) {
      Map<String, String> index = new HashMap<>();
      for (ModelInfo m : models) {
        index.putIfAbsent(lower(m.id()), m.id());
      }
      return new Snapshot(List.copyOf(models), Map.copyOf(index), fromAccounts);
    }
  }

  /**
   * @param userAliases {@code W2A_MODEL_ALIASES}: client name to Warp id; keys are matched
   *     case-insensitively
   * @throws NullPointerException if {@code userAliases} is null
   */
  public ModelCatalog(Map<String, String> userAliases) {
    Map<String, String> lowered = new HashMap<>();
    userAliases.forEach((name, target) -> lowered.put(lower(name.strip()), target.strip()));
    this.userAliases = Map.copyOf(lowered);
    this.snapshot = Snapshot.of(DocumentedModels.ALL, false);
  }

  /** A catalogue with the settings' {@code W2A_MODEL_ALIASES}. */
  public static ModelCatalog from(Settings settings) {
    return new ModelCatalog(settings.translation().modelAliases());
  }

  /**
   * Replaces the Warp ids with the accounts' own {@code GetFeatureModelChoices} result. An empty
   * list reverts to the documented list. Safe to call from any thread.
   */
  public void updateChoices(List<ModelInfo> choices) {
    snapshot =
        choices.isEmpty() ? Snapshot.of(DocumentedModels.ALL, false) : Snapshot.of(choices, true);
  }

  /** The models to list on {@code /v1/models}: the accounts' choices, else the documented list. */
  public List<ModelInfo> models() {
    return snapshot.models();
  }

  /** Whether {@link #models()} comes from the accounts rather than the documented list. */
  public boolean hasAccountChoices() {
    return snapshot.fromAccounts();
  }

  /** The listed model with this Warp id (case-insensitive, no alias lookup), or empty. */
  public Optional<ModelInfo> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String key = lower(id);
    return snapshot.models().stream().filter(m -> lower(m.id()).equals(key)).findFirst();
  }

  /** The built-in alias table, alias (lower case) to Warp id, in documentation order. */
  public static Map<String, String> builtInAliases() {
    return BuiltInAliases.TABLE;
  }

  @Override
  public Optional<String> resolve(String requested) {
    if (requested == null || requested.isBlank()) {
      return Optional.empty();
    }
    String name = lower(requested.strip());
    String undated = DATE_SUFFIX.matcher(name).replaceFirst("");
    Snapshot current = snapshot;
    for (Map<String, String> table :
        List.of(userAliases, BuiltInAliases.TABLE, current.idsByLowerCase())) {
      String hit = table.get(name);
      if (hit == null) {
        hit = table.get(undated);
      }
      if (hit != null) {
        return Optional.of(hit);
      }
    }
    return claudeFamily(name);
  }

  /**
   * The last resort for Anthropic ids that no table names yet (Claude Code sends its own built-in
   * id when a model slot is unset, and new ids appear before any table knows them): any
   * {@code claude-…} name that says opus, sonnet or haiku goes to that family's default Warp id.
   */
  static Optional<String> claudeFamily(String name) {
    if (!name.startsWith("claude")) {
      return Optional.empty();
    }
    for (Map.Entry<String, String> family : BuiltInAliases.CLAUDE_FAMILIES.entrySet()) {
      if (name.contains(family.getKey())) {
        return Optional.of(family.getValue());
      }
    }
    return Optional.empty();
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
