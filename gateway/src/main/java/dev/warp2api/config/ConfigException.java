package dev.warp2api.config;

import java.util.List;

/**
 * The configuration cannot be used. Carries every problem found, one line each, naming the setting
 * and (for settings that are not secret) the bad value. Never carries a token or a key.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** @param problems one human-readable line per problem; at least one */
  public ConfigException(List<String> problems) {
    super(String.join("\n", problems), null, false, false);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, one line each, in the order they were found. */
  public List<String> problems() {
    return problems;
  }
}
