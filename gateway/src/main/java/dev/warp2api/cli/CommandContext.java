package dev.warp2api.cli;

import dev.warp2api.config.SettingsLoader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may see of the outside world: the environment (read once), the working directory
 * (whose {@code .env} is read), the two output streams and the backends. Tests build their own.
 */
public record CommandContext(
    Map<String, String> env,
    Path workDir,
    PrintWriter out,
    PrintWriter err,
    CommandBackends backends) {

  public CommandContext {
    env = Map.copyOf(env);
  }

  /** The real process: {@code System.getenv()}, the current directory, stdout and stderr. */
  public static CommandContext system(CommandBackends backends) {
    return new CommandContext(
        System.getenv(),
        Path.of("").toAbsolutePath(),
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        backends);
  }

  /**
   * Loads the settings and prints their warnings to {@link #err()}.
   *
   * @throws dev.warp2api.config.ConfigException when the configuration is unusable
   */
  SettingsLoader.LoadResult loadSettings() {
    SettingsLoader.LoadResult result = SettingsLoader.load(env, workDir);
    result.warnings().forEach(w -> err.println("warning: " + w));
    err.flush();
    return result;
  }
}
