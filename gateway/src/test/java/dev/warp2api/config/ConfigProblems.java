package dev.warp2api.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What the settings loader refuses in an environment that must be refused. */
final class ConfigProblems {
  private ConfigProblems() {}

  /** The problems {@code env} is refused with (loaded in {@code dir}); fails if it is accepted. */
  static List<String> of(Map<String, String> env, Path dir) {
    try {
      SettingsLoader.load(env, dir);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected a ConfigException");
  }
}
