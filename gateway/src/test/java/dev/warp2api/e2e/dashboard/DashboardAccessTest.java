package dev.warp2api.e2e.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.testing.TestStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who gets the dashboard and what its session admits, over raw HTTP: the login form checks the
 * admin key and sets an HttpOnly, SameSite=Strict cookie; the session opens the admin routes, whose
 * writes need its CSRF token; the admin key as a header keeps working; a session ends at logout and
 * after its lifetime; without an admin key, loopback gets the page with no login.
 */
class DashboardAccessTest {
  static final String TOKEN = "rt-dash-access-7a1c5e9b3d20";
  static final String ADMIN_KEY = "admin-access-key-4e8b2d6f0a19";
  static final String CLIENT_KEY = "sk-access-client-key-9c3e7a1f5b28";
  static final Pattern CSRF = Pattern.compile("name=\"w2a-csrf\" content=\"([^\"]+)\"");
  static final ObjectMapper JSON = new ObjectMapper();
  private TestStack stack;

  @AfterEach
  void stop() {
    stack.close();
  }

  private void start(String... env) {
    Map<String, String> all = new HashMap<>();
    all.put("WARP_REFRESH_TOKEN", TOKEN);
    for (int i = 0; i + 1 < env.length; i += 2) {
      all.put(env[i], env[i + 1]);
    }
    stack = TestStack.start(
        SimConfig.defaults().withAccounts(SimAccountSpec.of(TOKEN, "alpha", 100)), all);
    // Past the start-up quota read: the admin actions below do not race it.
    stack.await("the quota read", () -> stack.gateway.pool().snapshot().get(0).quota() != null);
  }

  private HttpResponse<String> login(String key) {
    return stack.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/dashboard/login"))
        .timeout(Duration.ofSeconds(10))
        .header("content-type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(
            "key=" + key.replace("+", "%2B").replace("&", "%26")))
        .build());
  }

  /** The session cookie's {@code name=value}, from a response that set it. */
  private static String cookieOf(HttpResponse<String> r) {
    String set = r.headers().firstValue("set-cookie").orElseThrow();
    return set.substring(0, set.indexOf(';'));
  }

  private static String csrfOf(HttpResponse<String> page) {
    Matcher m = CSRF.matcher(page.body());
    assertThat(m.find()).as("the page carries its CSRF token").isTrue();
    return m.group(1);
  }

  private static void assertSecureHeaders(HttpResponse<String> r) {
    assertThat(r.headers().firstValue("content-security-policy").orElseThrow())
        .contains("default-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
    assertThat(r.headers().firstValue("x-content-type-options")).contains("nosniff");
    assertThat(r.headers().firstValue("referrer-policy")).contains("no-referrer");
    assertThat(r.headers().firstValue("cache-control")).contains("no-store");
  }

  @Test
  void withoutASessionTheDashboardIsTheLoginFormAndAWrongKeySetsNoCookie() {
    start("W2A_ADMIN_TOKEN", ADMIN_KEY);

    HttpResponse<String> form = stack.get("/dashboard");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("action=\"/dashboard/login\"").doesNotContain("w2a-csrf");
    assertThat(form.headers().firstValue("set-cookie")).isEmpty();
    assertSecureHeaders(form);

    for (String wrong : new String[] {"wrong", ADMIN_KEY + "x", ADMIN_KEY.substring(1), ""}) {
      HttpResponse<String> refused = login(wrong);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("set-cookie")).isEmpty();
      assertThat(refused.body()).contains("not the admin key").doesNotContain("w2a-csrf");
      assertSecureHeaders(refused);
    }
    assertThat(stack.get("/dashboard", "authorization", "Bearer wrong").body())
        .doesNotContain("w2a-csrf");
  }

  @Test
  void theRightKeySetsAStrictHttpOnlyCookieThatOpensTheAdminRoutes() throws Exception {
    start("W2A_ADMIN_TOKEN", ADMIN_KEY, "API_TOKEN", CLIENT_KEY);

    HttpResponse<String> in = login(ADMIN_KEY);
    assertThat(in.statusCode()).isEqualTo(303);
    assertThat(in.headers().firstValue("location")).contains("/dashboard");
    String set = in.headers().firstValue("set-cookie").orElseThrow();
    assertThat(set)
        .startsWith("w2a_session=")
        .contains("; HttpOnly")
        .contains("; SameSite=Strict")
        .contains("; Path=/")
        .contains("; Max-Age=28800")
        .contains("; Expires=")
        .doesNotContain(ADMIN_KEY);
    String cookie = cookieOf(in);

    HttpResponse<String> page = stack.get("/dashboard", "cookie", cookie);
    assertThat(page.statusCode()).isEqualTo(200);
    assertSecureHeaders(page);
    assertThat(page.body())
        .contains("src=\"/dashboard/assets/dashboard.js\"")
        .doesNotContain(ADMIN_KEY)
        .doesNotContain(CLIENT_KEY)
        .doesNotContain(TOKEN);
    String csrf = csrfOf(page);

    assertThat(stack.get("/admin/pool", "cookie", cookie).statusCode()).isEqualTo(200);
    assertThat(stack.get("/metrics", "cookie", cookie).statusCode()).isEqualTo(200);
    HttpResponse<String> noToken = stack.post("/admin/pool/recover", "{}", "cookie", cookie);
    assertThat(noToken.statusCode()).isEqualTo(403);
    JsonNode error = JSON.readTree(noToken.body()).path("error");
    assertThat(error.path("message").asText()).contains("CSRF");
    assertThat(stack
            .post("/admin/pool/recover", "{}", "cookie", cookie, "x-csrf-token", "forged")
            .statusCode())
        .isEqualTo(403);
    assertThat(stack
            .post("/admin/pool/recover", "{}", "cookie", cookie, "x-csrf-token", csrf)
            .statusCode())
        .isEqualTo(200);
    assertThat(stack
            .post(
                "/admin/pool/recover",
                "{}",
                "cookie",
                cookie,
                "x-csrf-token",
                csrf,
                "sec-fetch-site",
                "cross-site")
            .statusCode())
        .as("a browser's write from another site")
        .isEqualTo(403);
    assertThat(stack.post("/admin/pool/recover", "{}", "x-api-key", ADMIN_KEY).statusCode())
        .as("the admin key as a header needs no session")
        .isEqualTo(200);
    assertThat(stack.get("/v1/models", "cookie", cookie).statusCode())
        .as("a dashboard session is no client key")
        .isEqualTo(401);
  }

  @Test
  void aSessionEndsAtLogoutAndAfterItsLifetime() {
    start("W2A_ADMIN_TOKEN", ADMIN_KEY);
    String first = cookieOf(login(ADMIN_KEY));
    String csrf = csrfOf(stack.get("/dashboard", "cookie", first));
    assertThat(stack.post("/dashboard/logout", "", "cookie", first).statusCode())
        .as("logout is an action too")
        .isEqualTo(403);
    HttpResponse<String> out =
        stack.post("/dashboard/logout", "", "cookie", first, "x-csrf-token", csrf);
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(out.headers().firstValue("set-cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(stack.get("/admin/pool", "cookie", first).statusCode()).isEqualTo(401);
    assertThat(stack.get("/dashboard", "cookie", first).body()).doesNotContain("w2a-csrf");

    String second = cookieOf(login(ADMIN_KEY));
    assertThat(stack.get("/admin/pool", "cookie", second).statusCode()).isEqualTo(200);
    stack.clock.advance(Duration.ofHours(8));
    assertThat(stack.get("/admin/pool", "cookie", second).statusCode()).isEqualTo(401);
  }

  @Test
  void withoutAnAdminKeyLoopbackGetsThePageWithoutALogin() {
    start();
    HttpResponse<String> page = stack.get("/dashboard");
    assertThat(page.statusCode()).isEqualTo(200);
    String cookie = cookieOf(page);
    String csrf = csrfOf(page);
    assertThat(stack.post("/admin/pool/check", "{}", "cookie", cookie).statusCode())
        .as("a write with the session cookie still needs its CSRF token")
        .isEqualTo(403);
    assertThat(stack
            .post("/admin/pool/check", "{}", "cookie", cookie, "x-csrf-token", csrf)
            .statusCode())
        .isEqualTo(200);
    assertThat(stack
            .post("/admin/pool/check", "{}", "sec-fetch-site", "cross-site")
            .statusCode())
        .as("another site's page cannot drive the loopback-open admin routes")
        .isEqualTo(403);
  }

  @Test
  void withoutAnAdminKeyButWithClientKeysTheLoginTakesAClientKey() {
    start("API_TOKEN", CLIENT_KEY);
    HttpResponse<String> form = stack.get("/dashboard");
    assertThat(form.body()).contains("client key").doesNotContain("w2a-csrf");
    assertThat(login("wrong").statusCode()).isEqualTo(401);
    String cookie = cookieOf(login(CLIENT_KEY));
    assertThat(stack.get("/admin/pool", "cookie", cookie).statusCode()).isEqualTo(200);
  }

  @Test
  void theAssetsAreServedWithTheirTypesAndAnUnknownOneIs404() {
    start("W2A_ADMIN_TOKEN", ADMIN_KEY);
    HttpResponse<String> js = stack.get("/dashboard/assets/dashboard.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("content-type").orElseThrow()).startsWith("text/javascript");
    assertSecureHeaders(js);
    assertThat(stack.get("/dashboard/assets/dashboard.css").headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
    assertThat(stack.get("/dashboard/assets/index.html").statusCode()).isEqualTo(404);
    assertThat(stack.get("/dashboard/assets/..%2Findex.html").statusCode()).isEqualTo(404);
  }
}
