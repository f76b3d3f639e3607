package dev.warp2api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.config.Settings;
import dev.warp2api.config.SettingsLoader;
import dev.warp2api.pool.PoolTable;
import dev.warp2api.server.Gateway;
import dev.warp2api.sim.RecordedRequest;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimReply;
import dev.warp2api.sim.SimServing;
import dev.warp2api.sim.WarpSimulator;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./warp2api demo}: starts the simulator and a gateway pointed at it on free loopback ports,
 * streams one answer through {@code /v1/chat/completions}, then exhausts the first account's quota
 * and shows the next request failing over to the second account, narrating each step. Exit 0 when
 * both worked. Uses made-up demo tokens only.
 */
final class DemoRunner {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PERSONAL = "demo-personal-refresh-token";
  private static final String SHARED = "demo-shared-refresh-token";

  private DemoRunner() {}

  static int run(PrintWriter out) throws Exception {
    return run(out, false);
  }

  /**
   * @param tls serve the simulator over TLS with HTTP/2 (self-signed; the gateway skips
   *     verification)
   */
  static int run(PrintWriter out, boolean tls) throws Exception {
    Vertx vertx = Vertx.vertx();
    Path stateDir = Files.createTempDirectory("warp2api-demo");
    WarpSimulator sim = null;
    Gateway gateway = null;
    try {
      SimConfig config = SimConfig.defaults()
          .withAccounts(
              SimAccountSpec.of(PERSONAL, "personal account", 50),
              SimAccountSpec.of(SHARED, "shared account", 50));
      sim = WarpSimulator.start(
              vertx,
              config,
              freePort(),
              1,
              tls ? SimServing.tls(SimServing.DEFAULT_H2_MAX_STREAMS) : SimServing.plain())
          .await(10, TimeUnit.SECONDS);
      out.println(
          "1. Warp simulator listening on " + sim.baseUrl() + " (two accounts: personal, shared"
              + (tls ? "; TLS + HTTP/2, self-signed certificate)" : ")"));
      Settings settings = SettingsLoader.load(
              Map.of(
                  "WARP_INSECURE_TLS",
                  Boolean.toString(tls),
                  "WARP_API_URL",
                  sim.baseUrl() + "/ai/multi-agent",
                  "WARP_REFRESH_TOKEN",
                  PERSONAL,
                  "WARP_SHARED_TOKENS",
                  SHARED,
                  "W2A_PORT",
                  Integer.toString(freePort()),
                  "W2A_STATE_DIR",
                  stateDir.toString()),
              stateDir)
          .settings();
      gateway = Gateway.start(vertx, settings, Clock.systemUTC()).await(10, TimeUnit.SECONDS);
      String base = "http://127.0.0.1:" + gateway.port();
      out.println("2. Gateway listening on " + base + " with personal-1 and shared-1");
      out.flush();

      sim.enqueue(SimReply.text("Warp answers through warp2api, one piece at a time.")
          .inDeltas(6)
          .slow(Duration.ofMillis(80)));
      out.print("3. Streaming POST /v1/chat/completions: ");
      out.flush();
      String streamed = stream(base, out);
      out.println();
      out.println(
          "   -> streamed " + streamed.length() + " characters, served by " + lastAccount(sim));

      sim.setCreditsUsed(PERSONAL, 50);
      out.println(
          "4. The personal account's quota is now used up (Warp will answer 429 OUT_OF_CREDITS).");
      sim.enqueueFor(SHARED, SimReply.text("Answered by the next account in the pool."));
      HttpResponse<String> r =
          HttpClient.newHttpClient().send(chat(base, false), HttpResponse.BodyHandlers.ofString());
      String answer = JSON.readTree(r.body()).at("/choices/0/message/content").asText("");
      List<RecordedRequest> log = sim.requests();
      out.println("   -> HTTP " + r.statusCode() + ": \"" + answer + "\"");
      out.println("   -> upstream calls for that request: "
          + log.subList(1, log.size()).stream()
              .map(q -> q.accountLabel() + " (HTTP " + q.status() + ")")
              .toList());
      out.println("5. The pool now:");
      out.print(PoolTable.render(gateway.pool().snapshot(), Clock.systemUTC().instant()));
      boolean ok = !streamed.isEmpty() && r.statusCode() == 200 && !answer.isEmpty();
      out.println(ok ? "Demo finished: streaming and quota failover both worked." : "Demo FAILED.");
      return ok ? 0 : 1;
    } finally {
      if (gateway != null) {
        gateway.close();
      }
      if (sim != null) {
        sim.close().await(5, TimeUnit.SECONDS);
      }
      vertx.close().await(5, TimeUnit.SECONDS);
      out.flush();
    }
  }

  private static String stream(String base, PrintWriter out)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> r = HttpClient.newHttpClient()
        .send(chat(base, true), HttpResponse.BodyHandlers.ofInputStream());
    StringBuilder text = new StringBuilder();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.startsWith("data: {")) {
          continue;
        }
        JsonNode content = JSON.readTree(line.substring(6)).at("/choices/0/delta/content");
        if (content.isTextual() && !content.asText().isEmpty()) {
          text.append(content.asText());
          out.print(content.asText());
          out.flush();
        }
      }
    }
    return text.toString();
  }

  private static HttpRequest chat(String base, boolean stream) {
    String body = "{\"model\":\"auto\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello through the gateway.\"}]}";
    return HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static String lastAccount(WarpSimulator sim) {
    List<RecordedRequest> log = sim.requests();
    return log.isEmpty() ? "?" : log.get(log.size() - 1).accountLabel();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
