package dev.warp2api.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sim}: runs the built-in Warp upstream simulator until stopped. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = "Run the built-in Warp upstream simulator (for demos and tests).")
final class SimCommand implements Callable<Integer> {
  private final CommandContext ctx;

  @Spec
  CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "28880",
      paramLabel = "PORT",
      description = "port to listen on (default: ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "tokens, quotas and reset times; without it any refresh token is accepted with a generous quota")
  Path config;

  SimCommand(CommandContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    if (port < 1 || port > 65535) {
      throw new ParameterException(
          spec.commandLine(), "--port: '" + port + "' is not a port (1-65535)");
    }
    Path file = config == null ? null : ctx.workDir().resolve(config);
    if (file != null && !Files.isReadable(file)) {
      throw new ParameterException(spec.commandLine(), "--config: cannot read " + file);
    }
    ctx.backends().sim().run(port, file);
    return 0;
  }
}
