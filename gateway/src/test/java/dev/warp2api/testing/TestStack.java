package dev.warp2api.testing;

import dev.warp2api.config.Settings;
import dev.warp2api.config.SettingsLoader;
import dev.warp2api.server.Gateway;
import dev.warp2api.sim.MutableClock;
import dev.warp2api.sim.SimConfig;
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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The simulator and a gateway pointed at it, both in-process on loopback, for end-to-end tests.
 * Close it after the test. The simulator and the gateway share one {@link MutableClock}.
 */
public final class TestStack implements AutoCloseable {
  public final Vertx vertx;
  public final WarpSimulator sim;
  public final Gateway gateway;
  public final MutableClock clock;
  public final Path stateDir;
  public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestStack(Vertx vertx, WarpSimulator sim, Gateway gateway, MutableClock clock, Path stateDir) {
    this.vertx = vertx;
    this.sim = sim;
    this.gateway = gateway;
    this.clock = clock;
    this.stateDir = stateDir;
  }

  /** A stack with these simulator settings and these extra gateway settings (environment names). */
  public static TestStack start(SimConfig simConfig, Map<String, String> env) {
    return start(simConfig, env, null);
  }

  public static TestStack start(SimConfig simConfig, Map<String, String> env, Path reuseStateDir) {
    Vertx vertx = Vertx.vertx();
    try {
      MutableClock clock = MutableClock.startingAtDefault();
      WarpSimulator sim = WarpSimulator.start(vertx, simConfig.withClock(clock)).await(10, TimeUnit.SECONDS);
      Path stateDir = reuseStateDir != null ? reuseStateDir : Files.createTempDirectory("w2a-state");
      Map<String, String> all = new HashMap<>();
      all.put("WARP_API_URL", sim.baseUrl() + "/ai/multi-agent");
      all.put("W2A_PORT", Integer.toString(freePort()));
      all.put("W2A_STATE_DIR", stateDir.toString());
      all.put("W2A_MAX_WAIT", "0s");
      all.putAll(env);
      Settings settings = SettingsLoader.load(all, stateDir).settings();
      Gateway gateway = Gateway.start(vertx, settings, clock).await(10, TimeUnit.SECONDS);
      return new TestStack(vertx, sim, gateway, clock, stateDir);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("could not start the test stack", e);
    }
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
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30)).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
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
    gateway.close();
    try {
      sim.close().await(5, TimeUnit.SECONDS);
      vertx.close().await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
  }
}
