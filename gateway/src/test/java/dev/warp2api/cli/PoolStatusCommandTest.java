package dev.warp2api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolStatusCommandTest {
  private static final String POOL = """
      {"credentials":[{"name":"personal-1","tier":"personal","fingerprint":"3fa4c2d1","state":"available",
       "quota":{"limit":150,"used":12,"resets_at":"2099-12-01T10:00:00Z"},"failures":0,"cooldown_until":null,
       "last_used":"2026-11-21T10:00:00Z","requests":40},
      {"name":"shared-1","tier":"shared","fingerprint":"0badf00d","state":"cooling","quota":null,"failures":2,
       "cooldown_until":"2026-11-21T11:00:00Z","last_used":null,"requests":3}]}""";
  private static final String EXHAUSTED = """
      {"credentials":[{"name":"personal-1","tier":"personal","state":"exhausted","failures":0,"requests":1}],
       "checks":{"personal-1":"quota exhausted: no remaining quota"}}""";
  /** The audit's case: the credential still shows available, but its refresh was just rejected. */
  private static final String REVOKED = """
      {"credentials":[{"name":"personal-1","tier":"personal","state":"available","failures":0,"requests":1}],
       "checks":{"personal-1":"upstream rejected the credential (HTTP 400)"}}""";

  private static final String RECOVERED = """
      {"credentials":[{"name":"personal-1","tier":"personal","state":"available","failures":0,"requests":1},
       {"name":"shared-1","tier":"shared","state":"auth_failed","failures":3,"requests":0}],
       "checks":{"personal-1":"ok","shared-1":"upstream rejected the credential (HTTP 401)"}}""";

  @TempDir
  Path dir;

  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String checkAnswer = EXHAUSTED;
  private volatile String recoverAnswer = RECOVERED;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/admin/pool", exchange -> {
      seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " auth="
          + exchange.getRequestHeaders().getFirst("authorization"));
      String path = exchange.getRequestURI().getPath();
      String body =
          path.endsWith("/check") ? checkAnswer : path.endsWith("/recover") ? recoverAnswer : POOL;
      byte[] bytes = (status == 200 ? body : "{\"error\":{\"message\":\"nope\"}}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private CliRun run(Map<String, String> extraEnv, String... args) {
    var env = new HashMap<>(extraEnv);
    env.put("W2A_PORT", Integer.toString(server.getAddress().getPort()));
    return CliRun.run(env, dir, args);
  }

  @Test
  void statusPrintsThePoolTableWithAdminKey() {
    CliRun r =
        run(Map.of("W2A_ADMIN_TOKEN", "adm-key", "API_TOKEN", "client-key"), "pool", "status");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(seen).containsExactly("GET /admin/pool auth=Bearer adm-key");
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0))
        .startsWith("NAME")
        .contains(
            "TIER",
            "STATE",
            "QUOTA LEFT",
            "RESETS AT",
            "FAILURES",
            "COOLDOWN UNTIL",
            "LAST USED",
            "REQUESTS");
    assertThat(lines.get(1).split("\\s+"))
        .containsExactly(
            "personal-1",
            "personal",
            "3fa4c2d1",
            "available",
            "138/150",
            "2099-12-01T10:00:00Z",
            "0",
            "-",
            "2026-11-21T10:00:00Z",
            "40");
    assertThat(lines.get(2).split("\\s+"))
        .containsExactly(
            "shared-1",
            "shared",
            "0badf00d",
            "cooling",
            "?",
            "-",
            "2",
            "2026-11-21T11:00:00Z",
            "-",
            "3");
    assertThat(r.out() + r.err()).doesNotContain("adm-key");
  }

  @Test
  void usesFirstClientKeyWhenNoAdminKey() {
    assertThat(run(Map.of("API_TOKEN", "k1,k2"), "pool", "recover").exitCode()).isZero();
    assertThat(seen).containsExactly("POST /admin/pool/recover auth=Bearer k1");
  }

  @Test
  void checkExitsOneWhenNoCredentialWorks() {
    CliRun r = run(Map.of(), "pool", "check");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(seen).containsExactly("POST /admin/pool/check auth=null");
    assertThat(r.out()).contains("exhausted").contains("0 of 1 credential(s) work");
  }

  @Test
  void checkCountsOnlyCredentialsWhoseCheckIsOkNotTheirState() {
    checkAnswer = REVOKED;
    CliRun r = run(Map.of(), "pool", "check");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .contains("personal-1: upstream rejected the credential (HTTP 400)")
        .contains("0 of 1 credential(s) work");
  }

  @Test
  void recoverOnlineReportsEachCheckAndExitsOneWhenNoneIsOk() {
    CliRun ok = run(Map.of(), "pool", "recover");
    assertThat(ok.exitCode()).as(ok.out()).isZero();
    assertThat(ok.out())
        .contains(
            "personal-1: ok",
            "shared-1: upstream rejected the credential (HTTP 401)",
            "1 of 2 credential(s) work");

    recoverAnswer = REVOKED;
    CliRun none = run(Map.of(), "pool", "recover");
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.out()).contains("0 of 1 credential(s) work");
  }

  @Test
  void checkAnswerWithoutChecksIsAnError() {
    checkAnswer = POOL;
    CliRun r = run(Map.of(), "pool", "check");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("no 'checks'");
  }

  @Test
  void refusedAdminRequestExitsOneWithHint() {
    status = 403;
    CliRun r = run(Map.of("W2A_ADMIN_TOKEN", "wrong-key"), "pool", "status");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("HTTP 403", "W2A_ADMIN_TOKEN").doesNotContain("wrong-key");
  }

  @Test
  void aRefusedClientKeyIsNamedAsTheKeyTheCliSent() {
    status = 401;
    CliRun r = run(Map.of("API_TOKEN", "wrong-client-key,k2"), "pool", "status");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("refused the key this command sent (the first API_TOKEN key, HTTP 401)")
        .doesNotContain("run this on the gateway's machine")
        .doesNotContain("wrong-client-key");

    CliRun admin = run(Map.of("W2A_ADMIN_TOKEN", "wrong-admin-key"), "pool", "status");
    assertThat(admin.err())
        .contains("refused the key this command sent (W2A_ADMIN_TOKEN, HTTP 401)")
        .doesNotContain("wrong-admin-key");
  }

  @Test
  void gatewayNotRunningExitsOneWithMessage() throws IOException {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      freePort = socket.getLocalPort();
    }
    CliRun r = CliRun.run(Map.of("W2A_PORT", Integer.toString(freePort)), dir, "pool", "status");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("warp2api is not running at http://127.0.0.1:" + freePort);
    assertThat(r.out()).isEmpty();
  }
}
