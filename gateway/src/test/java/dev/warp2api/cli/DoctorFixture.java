package dev.warp2api.cli;

import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimServing;
import dev.warp2api.sim.WarpSimulator;
import dev.warp2api.testing.TestStack;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A simulator with one account and the environment that points {@code doctor} at it. Close it after
 * the test.
 */
final class DoctorFixture implements AutoCloseable {
  static final String REFRESH = "rt-doctor-5d2c81e0f4";
  static final String ACCOUNT = "one";

  final Vertx vertx = Vertx.vertx();
  final WarpSimulator sim;
  final Path workDir;
  final Map<String, String> env = new HashMap<>();

  DoctorFixture(SimConfig config) {
    this(config, SimServing.plain());
  }

  /** A simulator served as {@code serving} says (TLS: the doctor skips certificate checks). */
  DoctorFixture(SimConfig config, SimServing serving) {
    try {
      sim = WarpSimulator.start(
              vertx, config.withAccounts(SimAccountSpec.of(REFRESH, ACCOUNT, 100)), 0, 1, serving)
          .await(10, TimeUnit.SECONDS);
      workDir = Files.createTempDirectory("w2a-doctor");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException(e);
    }
    env.put("WARP_API_URL", sim.baseUrl() + "/ai/multi-agent");
    env.put("WARP_REFRESH_TOKEN", REFRESH);
    env.put("W2A_STATE_DIR", workDir.resolve("state").toString());
    env.put("W2A_PORT", Integer.toString(TestStack.freePort())); // no gateway there
    if (serving.tls()) {
      env.put("WARP_INSECURE_TLS", "true"); // the simulator's certificate is self-signed
    }
  }

  DoctorFixture() {
    this(SimConfig.defaults());
  }

  CliRun doctor(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "doctor";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.run(env, workDir, all);
  }

  /** The report's line for a step starting with {@code step}, or fails. */
  static String line(CliRun run, String step) {
    return run.out()
        .lines()
        .filter(l -> l.substring(Math.min(l.length(), 7)).startsWith(step))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line for '" + step + "' in:\n" + run.out()));
  }

  @Override
  public void close() {
    try {
      sim.close().await(5, TimeUnit.SECONDS);
      vertx.close().await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
  }
}
