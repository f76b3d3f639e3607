package dev.warp2api.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of configuration variables: the process environment laid over a {@code .env}
 * file. Built once at start-up; nothing on the request path reads the environment. Tests build one
 * from a plain map. Thread-safe (immutable).
 *
 * <p>A blank value counts as unset, so {@code W2A_PORT=} in {@code .env} means "use the default".
 */
public record Environment(Map<String, String> variables) {

  public Environment {
    variables = Map.copyOf(variables);
  }

  /** The process environment, copied once. */
  public static Environment ofSystem() {
    return new Environment(System.getenv());
  }

  /** The given variables, as if they were the process environment. */
  public static Environment of(Map<String, String> variables) {
    return new Environment(variables);
  }

  /**
   * These variables laid over {@code fileValues} (typically the {@code .env} file): a non-blank
   * variable here wins; otherwise the file's value is used.
   */
  public Environment over(Map<String, String> fileValues) {
    Map<String, String> merged = new LinkedHashMap<>(fileValues);
    variables.forEach((name, value) -> {
      if (!value.isBlank() || !merged.containsKey(name)) {
        merged.put(name, value);
      }
    });
    return new Environment(merged);
  }

  /** The trimmed value of {@code name}, or empty when unset or blank. */
  public Optional<String> get(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  @Override
  public String toString() {
    return "Environment[" + variables.size() + " variable(s)]";
  }
}
