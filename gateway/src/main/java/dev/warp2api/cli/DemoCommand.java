package dev.warp2api.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code demo}: simulator + gateway on free ports, one streamed answer and one failover, then exit.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description =
        "Start the simulator and a gateway pointed at it, send one streamed answer and one "
            + "quota-exhaustion failover through it, print what happened, stop both.")
final class DemoCommand implements Callable<Integer> {
  private final CommandContext ctx;

  DemoCommand(CommandContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return ctx.backends().demo().run(ctx.out());
  }
}
