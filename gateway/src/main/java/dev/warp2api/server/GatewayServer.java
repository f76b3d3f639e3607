package dev.warp2api.server;

import dev.warp2api.config.Settings;

/** The running gateway. (Being built: see issue 2.) */
public final class GatewayServer {
  private GatewayServer() {}

  /** Starts the gateway with these settings and blocks until the process is asked to stop. */
  public static void serve(Settings settings) {
    throw new UnsupportedOperationException("not yet wired");
  }
}
