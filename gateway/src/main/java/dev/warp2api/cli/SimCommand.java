package dev.warp2api.cli;

import dev.warp2api.sim.SimServing;
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

  @Option(
      names = "--tls",
      description = "serve TLS (a throwaway self-signed certificate) with HTTP/2 and HTTP/1.1 "
          + "by ALPN, as Warp is reached; gateways pointed at it need WARP_INSECURE_TLS=true")
  boolean tls;

  @Option(
      names = "--h2-max-streams",
      defaultValue = "100",
      paramLabel = "N",
      description =
          "concurrent streams advertised per HTTP/2 connection (default: ${DEFAULT-VALUE})")
  int h2MaxStreams;

  SimCommand(CommandContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    if (port < 1 || port > 65535) {
      throw new ParameterException(
          spec.commandLine(), "--port: '" + port + "' is not a port (1-65535)");
    }
    if (h2MaxStreams < 1) {
      throw new ParameterException(
          spec.commandLine(), "--h2-max-streams: '" + h2MaxStreams + "' must be at least 1");
    }
    Path file = config == null ? null : ctx.workDir().resolve(config);
    if (file != null && !Files.isReadable(file)) {
      throw new ParameterException(spec.commandLine(), "--config: cannot read " + file);
    }
    ctx.backends().sim().run(port, file, new SimServing(tls, h2MaxStreams, true));
    return 0;
  }
}
