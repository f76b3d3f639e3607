package dev.warp2api.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

  @Option(
      names = "--tls",
      description = "reach the simulator as Warp is reached: TLS with HTTP/2 "
          + "(its self-signed certificate is not verified)")
  boolean tls;

  DemoCommand(CommandContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return ctx.backends().demo().run(ctx.out(), tls);
  }
}
