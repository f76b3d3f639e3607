package dev.warp2api.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code serve}: starts the gateway with the loaded settings and runs until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description =
        "Start the gateway (every HTTP route on one port) and print the credential pool table.")
final class ServeCommand implements Callable<Integer> {
  private final CommandContext ctx;

  ServeCommand(CommandContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    ctx.backends().serve().serve(ctx.loadSettings().settings());
    return 0;
  }
}
