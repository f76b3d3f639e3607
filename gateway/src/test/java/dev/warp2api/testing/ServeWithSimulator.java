package dev.warp2api.testing;

import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.WarpSimulator;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code warp2api serve} as a real process ({@link ServeProcess}) against an in-process simulator
 * in open mode (it accepts every refresh token), for one test. After the test the last process
 * started is killed if it still runs, and the simulator is closed.
 *
 * <p>A JUnit 5 extension on an instance field: {@code @RegisterExtension final ServeWithSimulator
 * serve = new ServeWithSimulator();}.
 */
public final class ServeWithSimulator implements AfterEachCallback {
  private final Vertx vertx = Vertx.vertx();
  private WarpSimulator sim;
  private Process process;

  /** The simulator, started on first use. */
  public WarpSimulator sim() throws Exception {
    if (sim == null) {
      sim = WarpSimulator.start(vertx, SimConfig.defaults()).await(10, TimeUnit.SECONDS);
    }
    return sim;
  }

  /**
   * Starts {@code serve} in {@code work} on {@code port}, its output to {@code log}, signed in with
   * {@code refreshToken} against the simulator, its state in {@code <work>/data}, with
   * {@code extra} settings (name, value, ...) too; returns it once {@code /healthz} answers.
   */
  public Process start(Path work, Path log, int port, String refreshToken, String... extra)
      throws Exception {
    Map<String, String> settings = new HashMap<>();
    settings.put("WARP_REFRESH_TOKEN", refreshToken);
    settings.put("WARP_API_URL", sim().baseUrl() + "/ai/multi-agent");
    settings.put("W2A_PORT", Integer.toString(port));
    settings.put("W2A_STATE_DIR", "data");
    for (int i = 0; i + 1 < extra.length; i += 2) {
      settings.put(extra[i], extra[i + 1]);
    }
    process = ServeProcess.start(work, log, settings);
    ServeProcess.awaitHealthy(process, port);
    return process;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    if (process != null) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    try {
      if (sim != null) {
        sim.close().await(5, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close().await(5, TimeUnit.SECONDS);
    }
  }
}
