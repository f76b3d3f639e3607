package dev.warp2api.testing;

import dev.warp2api.config.Settings;
import dev.warp2api.config.SettingsLoader;
import dev.warp2api.server.Gateway;
import dev.warp2api.sim.MutableClock;
import dev.warp2api.sim.RecordedRequest;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimServing;
import dev.warp2api.sim.WarpSimulator;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * The simulator and a gateway pointed at it, both in-process on loopback, for end-to-end tests.
 * Close it after the test. The simulator and the gateway share one {@link MutableClock}.
 */
public final class TestStack implements AutoCloseable {
  public final Vertx vertx;
  public final WarpSimulator sim;
  /** The running gateway; replaced by {@link #restartGateway()}. */
  public volatile Gateway gateway;

  public final MutableClock clock;
  public final Path stateDir;
  public final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> gatewayEnv;
  private final List<HttpResponse<String>> responses =
      Collections.synchronizedList(new ArrayList<>());
  private final List<Gateway> others = new java.util.concurrent.CopyOnWriteArrayList<>();

  private TestStack(
      Vertx vertx,
      WarpSimulator sim,
      Gateway gateway,
      MutableClock clock,
      Path stateDir,
      Map<String, String> gatewayEnv) {
    this.gatewayEnv = gatewayEnv;
    this.vertx = vertx;
    this.sim = sim;
    this.gateway = gateway;
    this.clock = clock;
    this.stateDir = stateDir;
  }

  /**
   * A stack with these simulator settings and these extra gateway settings (environment names). In
   * a value, {@code ${SIM}} stands for the simulator's base URL (e.g. to point
   * {@code WARP_GRAPHQL_URL} at a path the simulator does not serve).
   */
  /**
   * A stack whose simulator has one account ({@code account}, 100 credits) that
   * {@code refreshToken} signs into, and whose gateway has {@code WARP_REFRESH_TOKEN} plus
   * {@code env} (name, value, name, value, ...).
   */
  public static TestStack oneAccount(String refreshToken, String account, String... env) {
    Map<String, String> all = new HashMap<>();
    all.put("WARP_REFRESH_TOKEN", refreshToken);
    for (int i = 0; i + 1 < env.length; i += 2) {
      all.put(env[i], env[i + 1]);
    }
    return start(
        SimConfig.defaults().withAccounts(SimAccountSpec.of(refreshToken, account, 100)), all);
  }

  public static TestStack start(SimConfig simConfig, Map<String, String> env) {
    return start(simConfig, env, null);
  }

  public static TestStack start(SimConfig simConfig, Map<String, String> env, Path reuseStateDir) {
    return start(simConfig, env, reuseStateDir, SimServing.plain());
  }

  /**
   * A stack whose simulator is served as {@code serving} says; over TLS the gateway is pointed at
   * it with {@code WARP_INSECURE_TLS=true} (the simulator's certificate is self-signed).
   */
  public static TestStack start(
      SimConfig simConfig, Map<String, String> env, Path reuseStateDir, SimServing serving) {
    return start(simConfig, env, reuseStateDir, serving, UnaryOperator.identity());
  }

  /**
   * As {@link #start(SimConfig, Map, Path, SimServing)}, the gateway reaching Warp at
   * {@code reach.apply(the simulator's base URL)}: a relay or proxy in front of it, started by
   * {@code reach} once the simulator listens.
   */
  public static TestStack start(
      SimConfig simConfig,
      Map<String, String> env,
      Path reuseStateDir,
      SimServing serving,
      UnaryOperator<String> reach) {
    Vertx vertx = Vertx.vertx();
    try {
      MutableClock clock = MutableClock.startingAtDefault();
      WarpSimulator sim = WarpSimulator.start(vertx, simConfig.withClock(clock), 0, 1, serving)
          .await(10, TimeUnit.SECONDS);
      Path stateDir =
          reuseStateDir != null ? reuseStateDir : Files.createTempDirectory("w2a-state");
      Map<String, String> all = new HashMap<>();
      all.put("WARP_API_URL", reach.apply(sim.baseUrl()) + "/ai/multi-agent");
      all.put("W2A_PORT", Integer.toString(freePort()));
      all.put("W2A_STATE_DIR", stateDir.toString());
      all.put("W2A_MAX_WAIT", "0s");
      // Closing the stack drains the gateway: a test that leaves a request hanging waits this long.
      all.put("W2A_SHUTDOWN_GRACE", "1s");
      if (serving.tls()) {
        all.put("WARP_INSECURE_TLS", "true");
      }
      env.forEach((k, v) -> all.put(k, v.replace("${SIM}", sim.baseUrl())));
      Gateway gateway = startGateway(vertx, all, stateDir, clock);
      return new TestStack(vertx, sim, gateway, clock, stateDir, all);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("could not start the test stack", e);
    }
  }

  private static Gateway startGateway(
      Vertx vertx, Map<String, String> env, Path stateDir, MutableClock clock) throws Exception {
    Settings settings = SettingsLoader.load(env, stateDir).settings();
    return Gateway.start(vertx, settings, clock).await(10, TimeUnit.SECONDS);
  }

  /**
   * Closes the gateway (which writes the pool state) and starts a new one with the same settings,
   * state directory, simulator and clock, on a new port. Blocks; call from the test thread.
   */
  public void restartGateway() {
    gateway.close();
    Map<String, String> env = new HashMap<>(gatewayEnv);
    env.put("W2A_PORT", Integer.toString(freePort()));
    try {
      gateway = startGateway(vertx, env, stateDir, clock);
    } catch (Exception e) {
      throw new IllegalStateException("could not restart the gateway", e);
    }
  }

  /**
   * Starts one more gateway with this stack's settings (and {@code overrides}) on a new port,
   * sharing the simulator and the clock: a second instance (with {@code W2A_REDIS_URL}, sharing the
   * pool). Closed with the stack.
   */
  public Gateway startAnotherGateway(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(gatewayEnv);
    env.put("W2A_PORT", Integer.toString(freePort()));
    env.putAll(overrides);
    try {
      Gateway another = startGateway(vertx, env, stateDir, clock);
      others.add(another);
      return another;
    } catch (Exception e) {
      throw new IllegalStateException("could not start another gateway", e);
    }
  }

  /** The gateway's settings (environment names and values), as a new mutable map. */
  public Map<String, String> settings() {
    return new HashMap<>(gatewayEnv);
  }

  /** Every response this stack's helpers received, oldest first (for scans of what clients saw). */
  public List<HttpResponse<String>> responses() {
    synchronized (responses) {
      return List.copyOf(responses);
    }
  }

  /**
   * A one-message OpenAI chat completion, streamed or not, with extra headers (name, value, ...).
   */
  public HttpResponse<String> chat(boolean stream, String text, String... headers) {
    String json = "{\"model\":\"claude-4-5-sonnet\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text.replace("\"", "'") + "\"}]}";
    return post("/v1/chat/completions", json, headers);
  }

  /** The account labels of the AI requests that reached the simulator, oldest first. */
  public List<String> upstreamAccounts() {
    return sim.requests().stream().map(RecordedRequest::accountLabel).toList();
  }

  /**
   * Polls {@code condition} until it holds, for asynchronous effects such as background quota
   * reads; fails after 10 seconds of real time.
   */
  public void await(String what, BooleanSupplier condition) {
    Await.until(what, Duration.ofSeconds(10), condition);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + gateway.port();
  }

  /** POSTs JSON to the gateway and returns the whole response. */
  public HttpResponse<String> post(String path, String json, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  public HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .timeout(Duration.ofSeconds(30))
        .GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      responses.add(r);
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    others.forEach(Gateway::close);
    gateway.close();
    try {
      sim.close().await(5, TimeUnit.SECONDS);
      vertx.close().await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
  }
}
