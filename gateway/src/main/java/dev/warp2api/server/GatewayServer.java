package dev.warp2api.server;

import dev.warp2api.config.ConfigException;
import dev.warp2api.config.Settings;
import dev.warp2api.obs.Logging;
import dev.warp2api.pool.PoolTable;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code ./warp2api serve}: starts the gateway, prints the pool table, and runs until stopped. */
public final class GatewayServer {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

  private GatewayServer() {}

  /**
   * Starts the gateway with these settings and blocks until the process is asked to stop.
   *
   * @throws ConfigException when the settings cannot be used (an unusable {@code W2A_STATE_DIR})
   * @throws IllegalStateException when the gateway cannot start otherwise (the port is taken)
   */
  public static void serve(Settings settings) {
    serve(settings, System.out);
  }

  static void serve(Settings settings, PrintStream out) {
    Logging.configure(settings.log());
    String host = settings.listen().host();
    Clock clock = Clock.systemUTC();
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    Gateway gateway;
    try {
      gateway = Gateway.start(vertx, settings, clock).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ConfigException config) {
          throw config; // e.g. W2A_STATE_DIR unusable: a configuration error (exit 2), not a
          // failure to listen
        }
      }
      throw new IllegalStateException(
          "could not start the gateway on " + host + ":" + settings.listen().port() + ": "
              + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
          e);
    }
    out.println("warp2api listening on http://" + host + ":" + gateway.port()
        + (gateway.bridgePort() > 0 ? " (and :" + gateway.bridgePort() + ")" : ""));
    out.println("  OpenAI:    http://" + host + ":" + gateway.port() + "/v1");
    out.println("  Anthropic: ANTHROPIC_BASE_URL=http://" + host + ":" + gateway.port());
    if (gateway.pool().ids().isEmpty()) {
      out.println();
      out.println(
          "No Warp credential is configured: chat requests will answer 503 until you set one.");
      out.println(
          "Set WARP_REFRESH_TOKEN (or WARP_PERSONAL_TOKENS / WARP_SHARED_TOKENS / WARP_ANONYMOUS_TOKEN)");
      out.println("in the environment or in .env here, then restart; or add one at run time:");
      out.println("  curl -X POST http://127.0.0.1:" + gateway.port()
          + "/admin/pool/credentials -d '{\"tier\":\"personal\",\"refresh_token\":\"...\"}'");
    } else {
      out.println();
      out.print(PoolTable.render(gateway.pool().snapshot(), clock.instant()));
    }
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM (docker stop, Kubernetes, systemd) or Ctrl-C: not ready at once, no new connection,
    // requests in flight finish within W2A_SHUTDOWN_GRACE, the rest end with their dialect's
    // error, the pool's state is written (Gateway.close drains).
    Runtime.getRuntime()
        .addShutdownHook(new Thread(
            () -> {
              int status = 0;
              try {
                gateway.close();
              } catch (Exception e) {
                LOG.error("event=gateway.stop_failed reason={}", e.getClass().getSimpleName());
                status = 1;
              }
              try {
                vertx.close().await(5, TimeUnit.SECONDS);
              } catch (Exception e) {
                // shutting down anyway
              }
              LOG.info("event=gateway.stopped");
              System.out.flush();
              stopped.countDown();
              // A stop asked for that went as planned is a clean exit: 0, not the 143 (128 +
              // SIGTERM) the JVM would report. Nothing else registers a shutdown hook in serve.
              Runtime.getRuntime().halt(status);
            },
            "warp2api-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
