package dev.warp2api.config;

import dev.warp2api.config.CredentialSpec.Kind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the token settings into named {@link CredentialSpec}s. Names are tier and ordinal
 * ({@code personal-1}): {@code WARP_REFRESH_TOKEN} is {@code personal-1},
 * {@code WARP_PERSONAL_TOKENS} continue the personal ordinal, {@code WARP_JWT} is {@code jwt-1}. A
 * token seen before is kept once (the first name wins) with a warning naming both names. Warnings
 * never contain a token.
 */
final class CredentialReader {
  private final SettingReader reader;
  private final List<String> warnings;
  private final List<CredentialSpec> credentials = new ArrayList<>();
  private final Map<String, String> nameBySecret = new HashMap<>();
  private final Map<Tier, Integer> ordinals = new EnumMap<>(Tier.class);

  CredentialReader(SettingReader reader, List<String> warnings) {
    this.reader = reader;
    this.warnings = warnings;
  }

  List<CredentialSpec> read() {
    reader
        .text("WARP_REFRESH_TOKEN")
        .map(CredentialReader::unquoted)
        .ifPresent(token -> add(Tier.PERSONAL, Kind.REFRESH_TOKEN, "WARP_REFRESH_TOKEN", token));
    addAll("WARP_PERSONAL_TOKENS", Tier.PERSONAL);
    addAll("WARP_SHARED_TOKENS", Tier.SHARED);
    addAll("WARP_ANONYMOUS_TOKEN", Tier.ANONYMOUS);
    reader
        .text("WARP_JWT")
        .map(CredentialReader::unquoted)
        .filter(t -> !t.isEmpty())
        .ifPresent(jwt -> add(null, Kind.ACCESS_TOKEN, "WARP_JWT", jwt));
    return List.copyOf(credentials);
  }

  private void addAll(String setting, Tier tier) {
    for (String token : items(setting, reader, warnings)) {
      add(tier, Kind.REFRESH_TOKEN, setting, token);
    }
  }

  /** {@code tier == null} means the {@code jwt-N} series (personal tier, access token). */
  private void add(Tier tier, Kind kind, String setting, String token) {
    String name;
    if (tier == null) {
      name = "jwt-1";
      tier = Tier.PERSONAL;
    } else {
      int ordinal = ordinals.merge(tier, 1, Integer::sum);
      name = tier.label() + "-" + ordinal;
    }
    String earlier = nameBySecret.putIfAbsent(token, name);
    if (earlier != null) {
      warnings.add(setting + ": " + name + " is the same token as " + earlier + "; kept once, as "
          + earlier);
      return;
    }
    credentials.add(new CredentialSpec(name, tier, kind, token));
  }

  /**
   * The comma-separated items of {@code setting}: trimmed of blanks and surrounding quotes; empty
   * items and the original's placeholders skipped with a warning that names the item's position.
   */
  static List<String> items(String setting, SettingReader reader, List<String> warnings) {
    String raw = reader.text(setting).orElse("");
    List<String> items = new ArrayList<>();
    if (raw.isEmpty()) {
      return items;
    }
    String[] parts = raw.split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      String item = unquoted(parts[i]);
      if (item.isEmpty()) {
        warnings.add(setting + ": item " + (i + 1) + " of " + parts.length + " is empty; skipped");
      } else if (SettingReader.isPlaceholder(item)) {
        warnings.add(setting + ": item " + (i + 1) + " is the example placeholder; skipped");
      } else {
        items.add(item);
      }
    }
    return items;
  }

  static String unquoted(String value) {
    String v = value.strip();
    while (v.length() >= 2
        && (v.charAt(0) == '"' || v.charAt(0) == '\'')
        && v.charAt(v.length() - 1) == v.charAt(0)) {
      v = v.substring(1, v.length() - 1).strip();
    }
    return v;
  }
}
