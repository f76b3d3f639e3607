package dev.warp2api.e2e.pool;

import static dev.warp2api.e2e.pool.PoolStacks.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warp2api.testing.TestStack;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * API_TOKEN guards /v1/*, W2A_ADMIN_TOKEN guards /admin/*; without an admin key, admin is
 * loopback-only.
 */
class AccessKeysGuardRoutesTest {
  static final String CLIENT_KEY = "sk-client-key-7c1e5a9b3d20";
  static final String ADMIN_KEY = "admin-key-2f8d4b6e0a13";
  static final String WRONG_KEY = "sk-wrong-key-a4c8e2f6b0d9";
  private TestStack stack;

  @AfterEach
  void stop() {
    stack.close();
  }

  @Test
  void clientKeyIsRequiredOnV1InBothHeaderFormsAndNeverEchoed() {
    stack = TestStack.start(
        PoolStacks.threeAccounts(), PoolStacks.threeTokens("API_TOKEN", CLIENT_KEY));

    HttpResponse<String> missing = stack.chat(false, "hi");
    HttpResponse<String> wrong = stack.chat(false, "hi", "authorization", "Bearer " + WRONG_KEY);
    for (HttpResponse<String> r : new HttpResponse[] {missing, wrong}) {
      assertThat(r.statusCode()).isEqualTo(401);
      var error = json(r.body()).path("error");
      assertThat(
              error.has("message") && error.has("type") && error.has("param") && error.has("code"))
          .isTrue();
      assertThat(r.body()).doesNotContain(WRONG_KEY).doesNotContain(WRONG_KEY.substring(0, 12));
    }
    assertThat(stack.chat(false, "hi", "authorization", "Bearer " + CLIENT_KEY).statusCode())
        .isEqualTo(200);
    assertThat(stack.chat(false, "hi", "x-api-key", CLIENT_KEY).statusCode()).isEqualTo(200);
    assertThat(stack.get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void eitherPresentedKeyAdmitsTheRequestWhenBothHeadersAreSent() {
    stack = TestStack.start(
        PoolStacks.threeAccounts(), PoolStacks.threeTokens("API_TOKEN", CLIENT_KEY));

    assertThat(stack
            .chat(false, "hi", "authorization", "Bearer " + WRONG_KEY, "x-api-key", CLIENT_KEY)
            .statusCode())
        .as("valid x-api-key next to another bearer")
        .isEqualTo(200);
    assertThat(stack
            .chat(false, "hi", "authorization", "Bearer " + CLIENT_KEY, "x-api-key", WRONG_KEY)
            .statusCode())
        .as("valid bearer next to another x-api-key")
        .isEqualTo(200);
    HttpResponse<String> bothWrong = stack.chat(
        false, "hi", "authorization", "Bearer " + WRONG_KEY, "x-api-key", WRONG_KEY + "-2");
    assertThat(bothWrong.statusCode()).isEqualTo(401);
    assertThat(bothWrong.body()).doesNotContain(WRONG_KEY.substring(0, 12));
  }

  @Test
  void adminKeyIsRequiredOnAdminRoutesWhenSet() {
    stack = TestStack.start(
        PoolStacks.threeAccounts(),
        PoolStacks.threeTokens("API_TOKEN", CLIENT_KEY, "W2A_ADMIN_TOKEN", ADMIN_KEY));

    assertThat(stack.get("/admin/pool").statusCode()).isEqualTo(401);
    assertThat(stack.get("/admin/pool", "authorization", "Bearer " + CLIENT_KEY).statusCode())
        .isEqualTo(401);
    assertThat(stack.post("/admin/pool/recover", "{}", "x-api-key", WRONG_KEY).statusCode())
        .isEqualTo(401);
    assertThat(stack.get("/admin/pool", "authorization", "Bearer " + ADMIN_KEY).statusCode())
        .isEqualTo(200);
    assertThat(stack.get("/admin/pool", "x-api-key", ADMIN_KEY).statusCode()).isEqualTo(200);
    assertThat(stack.chat(false, "hi", "x-api-key", ADMIN_KEY).statusCode())
        .as("admin key is not a client key")
        .isEqualTo(401);
  }

  @Test
  void theDashboardShowsOnlyItsLoginFormToAnyoneWithoutTheAdminKey() {
    stack = TestStack.start(
        PoolStacks.threeAccounts(),
        PoolStacks.threeTokens("API_TOKEN", CLIENT_KEY, "W2A_ADMIN_TOKEN", ADMIN_KEY));

    for (HttpResponse<String> r : List.of(
        stack.get("/dashboard"),
        stack.get("/dashboard", "authorization", "Bearer " + CLIENT_KEY),
        stack.get("/dashboard", "x-api-key", WRONG_KEY))) {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("/dashboard/login").doesNotContain("w2a-csrf");
      assertThat(r.headers().firstValue("set-cookie")).isEmpty();
    }
    HttpResponse<String> admin = stack.get("/dashboard", "authorization", "Bearer " + ADMIN_KEY);
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.body()).contains("w2a-csrf").doesNotContain(ADMIN_KEY);
  }

  @Test
  void adminRoutesRefuseNonLoopbackClientsWhenNoAdminKeyIsSet() throws Exception {
    InetAddress outside = nonLoopbackAddress();
    assumeTrue(outside != null, "this machine has no non-loopback IPv4 address");
    stack =
        TestStack.start(PoolStacks.threeAccounts(), PoolStacks.threeTokens("W2A_HOST", "0.0.0.0"));

    assertThat(stack.get("/admin/pool").statusCode()).as("loopback").isEqualTo(200);
    String base = "http://" + outside.getHostAddress() + ":" + stack.gateway.port();
    HttpResponse<String> r = stack.send(
        HttpRequest.newBuilder(URI.create(base + "/admin/pool")).GET().build());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("W2A_ADMIN_TOKEN");
    HttpResponse<String> page =
        stack.send(HttpRequest.newBuilder(URI.create(base + "/dashboard")).GET().build());
    assertThat(page.statusCode()).as("the dashboard from outside").isEqualTo(403);
    assertThat(stack.get("/dashboard").statusCode())
        .as("the dashboard on loopback")
        .isEqualTo(200);
  }

  private static InetAddress nonLoopbackAddress() throws Exception {
    for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
      if (!nif.isUp() || nif.isLoopback()) {
        continue;
      }
      for (InetAddress a : nif.inetAddresses().toList()) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
          return a;
        }
      }
    }
    return null;
  }
}
