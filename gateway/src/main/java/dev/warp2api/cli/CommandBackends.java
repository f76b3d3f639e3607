package dev.warp2api.cli;

import dev.warp2api.config.ConfigException;
import dev.warp2api.config.Settings;
import dev.warp2api.core.GatewayException;
import dev.warp2api.server.GatewayServer;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimServing;
import dev.warp2api.sim.WarpSimulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * What the commands run, as plain functions, so the command line is testable without starting
 * anything. {@link #standard()} is the one place where commands are wired to the real
 * implementations (and, with {@link DemoRunner}, the only place outside the simulator that starts
 * it); tests pass their own.
 *
 * @param serve runs the gateway until the process is asked to stop
 * @param sim runs the standalone Warp simulator until the process is asked to stop
 * @param offlinePool runs a {@code pool} command from the configuration and state store, without a
 *     gateway
 * @param demo runs the end-to-end demo
 */
public record CommandBackends(Serve serve, Sim sim, OfflinePool offlinePool, Demo demo) {

  /** {@code serve}: blocks while the gateway runs. */
  @FunctionalInterface
  public interface Serve {
    void serve(Settings settings) throws Exception;
  }

  /**
   * {@code sim --port P [--config FILE] [--tls] [--h2-max-streams N]}: blocks while the simulator
   * runs.
   */
  @FunctionalInterface
  public interface Sim {
    void run(int port, Path configOrNull, SimServing serving) throws Exception;
  }

  /** {@code pool status|check|recover --offline}; returns the exit code. */
  @FunctionalInterface
  public interface OfflinePool {
    int run(PoolAction action, Settings settings, PrintWriter out) throws Exception;
  }

  /** {@code demo [--tls]}; returns the exit code. */
  @FunctionalInterface
  public interface Demo {
    int run(PrintWriter out, boolean tls) throws Exception;
  }

  /** The production wiring: the one place where commands meet their implementations. */
  public static CommandBackends standard() {
    return new CommandBackends(
        GatewayServer::serve,
        CommandBackends::runSimulator,
        new OfflinePoolCommand(),
        DemoRunner::run);
  }

  /**
   * {@code sim}: a config file that cannot be read or names a bad field is a configuration error
   * (exit 2).
   */
  private static void runSimulator(int port, Path configOrNull, SimServing serving)
      throws InterruptedException {
    SimConfig config;
    try {
      config = SimConfig.loadOrDefaults(configOrNull);
    } catch (GatewayException e) {
      throw new ConfigException(List.of("sim --config " + configOrNull + ": " + e.getMessage()));
    }
    WarpSimulator.runStandalone(port, config, serving);
  }
}
