package dev.warp2api.e2e.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.HeadlessChromium;
import dev.warp2api.testing.TestStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard in headless Chromium against the simulator and a gateway with an admin key: the
 * login refuses a wrong key, the pool table and its actions work without a reload, a named key is
 * created (its secret shown once), watched and revoked from the page, no other secret is on the
 * page, nothing breaks the Content-Security-Policy, and a 390 px wide screen needs no horizontal
 * scroll. Screenshots land in {@code target/dashboard-*.png}.
 */
class DashboardInABrowserTest {
  static final String P1 = "rt-dash-personal-one-5e1c7a9b3f20";
  static final String P2 = "rt-dash-personal-two-8b2d4f6a0c13";
  static final String S1 = "rt-dash-shared-one-2f9a7c5e1b84";
  static final String CLIENT_KEY = "sk-dash-client-key-6d3b9f1e7a52";
  static final String SECOND_CLIENT_KEY = "sk-dash-client-two-1f7c3e9a5b64";
  static final String ADMIN_KEY = "admin-dash-key-3c8e2a6f4d17";
  static final String PROMPT_MARKER = "prompt-text-never-shown-4417";
  static final String REPLY_MARKER = "reply-text-never-shown-9023";

  private TestStack stack;
  private HeadlessChromium browser;

  @BeforeEach
  void start() {
    stack = TestStack.start(
        SimConfig.defaults()
            .withAccounts(
                SimAccountSpec.of(P1, "personal-1", 100),
                SimAccountSpec.of(P2, "personal-2", 100),
                SimAccountSpec.of(S1, "shared-1", 100)),
        Map.of(
            "WARP_PERSONAL_TOKENS",
            P1 + "," + P2,
            "WARP_SHARED_TOKENS",
            S1,
            "API_TOKEN",
            CLIENT_KEY + "," + SECOND_CLIENT_KEY,
            "W2A_ADMIN_TOKEN",
            ADMIN_KEY));
    browser = HeadlessChromium.start(1280, 1400);
  }

  @AfterEach
  void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      stack.close();
    }
  }

  private String dashboard() {
    return stack.baseUrl() + "/dashboard";
  }

  private void logIn(String key) {
    browser.driver.get(dashboard());
    WebElement field =
        browser.waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("key")));
    field.sendKeys(key);
    browser.driver.findElement(By.id("login-submit")).click();
  }

  private List<WebElement> poolRows() {
    return browser.driver.findElements(By.cssSelector("#pool tbody tr[data-credential]"));
  }

  private String stateOf(String credential) {
    return browser
        .driver
        .findElement(By.cssSelector("#pool tr[data-credential='" + credential + "'] .state"))
        .getText();
  }

  @Test
  void aWrongKeyGetsNoPageAndTheApiRefusesRequestsWithoutASession() throws Exception {
    logIn("not-the-admin-key");
    browser
        .waitUpTo(10)
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#login .error")));
    assertThat(browser.driver.findElements(By.id("pool"))).isEmpty();
    assertThat(browser.driver.manage().getCookieNamed("w2a_session")).isNull();
    browser.screenshot("dashboard-login-refused");

    assertThat(stack.get("/admin/pool").statusCode()).isEqualTo(401);
    assertThat(stack
            .post("/admin/pool/recover", "{}", "cookie", "w2a_session=made-up")
            .statusCode())
        .isEqualTo(401);
    assertThat(stack.get("/dashboard/assets/dashboard.js").statusCode())
        .as("the script is no secret")
        .isEqualTo(200);
  }

  @Test
  void theAdminLogsInSeesThePoolAndActsOnItWithoutAReload() {
    logIn(ADMIN_KEY);
    browser.waitUpTo(10).until(d -> poolRows().size() == 3);
    Cookie session = browser.driver.manage().getCookieNamed("w2a_session");
    assertThat(session).isNotNull();
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualTo("Strict");
    assertThat(session.getExpiry()).isNotNull();
    assertThat(session.getValue()).doesNotContain(ADMIN_KEY);
    assertThat(stateOf("personal-2")).isEqualTo("available");
    Object marker = browser.driver.executeScript("return window.performance.timeOrigin;");

    browser
        .driver
        .findElement(By.cssSelector("#pool tr[data-credential='personal-2'] button"))
        .click();
    browser.waitUpTo(10).until(d -> stateOf("personal-2").equals("disabled"));
    assertThat(stack.gateway.pool().snapshot().get(1).state().label()).isEqualTo("disabled");

    browser.driver.findElement(By.id("recover")).click();
    browser.waitUpTo(15).until(d -> stateOf("personal-2").equals("available"));
    assertThat(browser.driver.executeScript("return window.performance.timeOrigin;"))
        .as("the same page all along, never reloaded")
        .isEqualTo(marker);
    browser.screenshot("dashboard-pool");

    assertNoSecretOnThePage();
    assertNoPolicyViolation();
  }

  @Test
  void trafficFromTheSdkShowsInTheChartsAndTheRecentRequestsWithoutAReload() {
    logIn(ADMIN_KEY);
    browser.waitUpTo(10).until(d -> poolRows().size() == 3);
    browser.waitUpTo(10).until(d -> text("traffic-requests").equals("0"));
    assertThat(text("requests-count")).isEqualTo("0");
    Object marker = browser.driver.executeScript("return window.performance.timeOrigin;");

    // Two keys and two models over a quarter of an hour (the gateway's clock is the test's).
    List<OpenAIClient> clients = List.of(sdk(CLIENT_KEY), sdk(SECOND_CLIENT_KEY));
    String[] models = {"claude-4-5-sonnet", "gpt-5"};
    try {
      for (int i = 0; i < 6; i++) {
        stack.sim.enqueue(SimReply.text("Reply number " + i + " " + REPLY_MARKER));
        clients
            .get(i % 2)
            .chat()
            .completions()
            .create(ChatCompletionCreateParams.builder()
                .model(models[i / 3])
                .addUserMessage("Question " + i + " " + PROMPT_MARKER)
                .build());
        stack.clock.advance(Duration.ofMinutes(3));
      }
    } finally {
      clients.forEach(OpenAIClient::close);
    }
    long served = stack.sim.requestCount();
    assertThat(served).isEqualTo(6);

    String count = Long.toString(served);
    browser
        .waitUpTo(15)
        .until(d -> text("traffic-requests").equals(count)
            && text("requests-count").equals(count)
            && count.equals(chartTotal("requests-by-model"))
            && count.equals(chartTotal("requests-by-key")));
    assertThat(Long.parseLong(chartTotal("tokens-by-model"))).isPositive();
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("#requests tr.request-row"));
    assertThat(rows).hasSize(6);
    assertThat(rows.get(0).getText()).contains("key-2").contains("200");
    assertThat(rows.get(5).getText()).contains("key-1").contains("200");
    assertThat(browser
            .driver
            .findElement(By.cssSelector("#chart-requests-by-key .legend"))
            .getText())
        .contains("key-1 3")
        .contains("key-2 3");
    assertThat(browser.driver.findElements(By.cssSelector("#chart-requests-by-model svg rect")))
        .as("bars in the minutes with traffic, over a quarter of an hour")
        .hasSizeGreaterThan(1);
    assertThat(browser.driver.executeScript("return window.performance.timeOrigin;"))
        .as("the same page all along, never reloaded")
        .isEqualTo(marker);
    browser.screenshot("dashboard-traffic");

    String page = browser.driver.getPageSource();
    assertThat(page).doesNotContain(PROMPT_MARKER).doesNotContain(REPLY_MARKER);
    assertNoSecretOnThePage();
    assertNoPolicyViolation();
  }

  @Test
  void theAdminCreatesAKeySeesItsSecretOnceWatchesItsUsageAndRevokesIt() {
    logIn(ADMIN_KEY);
    browser.waitUpTo(10).until(d -> poolRows().size() == 3);
    browser.waitUpTo(10).until(d -> text("keys").contains("No named key."));
    Object marker = browser.driver.executeScript("return window.performance.timeOrigin;");

    browser.driver.findElement(By.id("key-name")).sendKeys("team-a");
    browser.driver.findElement(By.id("key-models")).sendKeys("claude-*");
    browser.driver.findElement(By.id("key-budget")).sendKeys("100000");
    browser.driver.findElement(By.id("key-rpm")).sendKeys("30");
    browser.driver.findElement(By.id("key-create")).click();
    browser.waitUpTo(10).until(d -> !text("key-secret-value").isEmpty());
    String secret = text("key-secret-value");
    assertThat(stack.gateway.keys().get("team-a"))
        .as("the key the page created")
        .isPresent();
    // Read within a wait: the poll may redraw the row between finding it and reading it.
    String row = browser.waitUpTo(10).until(d -> {
      List<WebElement> rows = keyRows("team-a");
      return rows.isEmpty() ? null : rows.get(0).getText();
    });
    assertThat(row).contains("claude-*").contains("100,000").contains("30").doesNotContain(secret);
    browser.screenshot("dashboard-key-created");

    OpenAIClient sdk = sdk(secret);
    try {
      stack.sim.enqueue(SimReply.text("Hello team " + REPLY_MARKER));
      sdk.chat()
          .completions()
          .create(ChatCompletionCreateParams.builder()
              .model("claude-4-5-sonnet")
              .addUserMessage("Hi " + PROMPT_MARKER)
              .build());
      assertThatThrownBy(() -> sdk.chat()
              .completions()
              .create(ChatCompletionCreateParams.builder()
                  .model("gpt-5")
                  .addUserMessage("Hi")
                  .build()))
          .as("a model outside the key's list")
          .isInstanceOf(PermissionDeniedException.class);
      assertThat(stack.sim.requestCount()).isEqualTo(1);
      long used = stack.gateway.keys().tokensToday("team-a");
      assertThat(used).isPositive();
      browser
          .waitUpTo(15)
          .until(d -> usedToday("team-a").equals(String.format(Locale.US, "%,d of 100,000", used))
              && browser.driver.findElements(By.cssSelector("#requests tr.request-row")).stream()
                  .anyMatch(r -> r.getText().contains("team-a")));

      browser.driver.findElement(By.id("key-secret-hide")).click();
      browser.waitUpTo(10).until(d -> text("key-secret-value").isEmpty());
      assertThat(browser.driver.getPageSource()).doesNotContain(secret);
      browser.screenshot("dashboard-key-used");

      // Revoking takes two clicks, and the armed button stays armed across the next poll's redraw.
      clickWhenFound("#keys tr[data-key='team-a'] button");
      WebElement armed = browser
          .waitUpTo(5)
          .until(ExpectedConditions.presenceOfElementLocated(
              By.cssSelector("#keys tr[data-key='team-a'] button.armed")));
      assertThat(stack.gateway.keys().get("team-a"))
          .as("one click revokes nothing")
          .isPresent();
      browser.waitUpTo(5).until(ExpectedConditions.stalenessOf(armed));
      clickWhenFound("#keys tr[data-key='team-a'] button.armed");
      browser.waitUpTo(10).until(d -> keyRows("team-a").isEmpty());
      assertThat(stack.gateway.keys().get("team-a")).isEmpty();
      assertThatThrownBy(() -> sdk.chat()
              .completions()
              .create(ChatCompletionCreateParams.builder()
                  .model("claude-4-5-sonnet")
                  .addUserMessage("Hi again")
                  .build()))
          .isInstanceOf(UnauthorizedException.class);
    } finally {
      sdk.close();
    }
    assertThat(browser.driver.executeScript("return window.performance.timeOrigin;"))
        .as("the same page all along, never reloaded")
        .isEqualTo(marker);
    String page = browser.driver.getPageSource();
    assertThat(page)
        .doesNotContain(secret)
        .doesNotContain(PROMPT_MARKER)
        .doesNotContain(REPLY_MARKER);
    assertNoSecretOnThePage();
    assertNoPolicyViolation();
  }

  private List<WebElement> keyRows(String name) {
    return browser.driver.findElements(By.cssSelector("#keys tr[data-key='" + name + "']"));
  }

  /** Clicks the element once, finding it again if a poll redrew it first. */
  private void clickWhenFound(String css) {
    browser.waitUpTo(5).until(d -> {
      d.findElement(By.cssSelector(css)).click();
      return true;
    });
  }

  private String usedToday(String name) {
    List<WebElement> cells =
        browser.driver.findElements(By.cssSelector("#keys tr[data-key='" + name + "'] .key-used"));
    return cells.isEmpty() ? "" : cells.get(0).getText();
  }

  private OpenAIClient sdk(String key) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(stack.baseUrl() + "/v1")
        .apiKey(key)
        .maxRetries(0)
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  private String text(String id) {
    Object text = browser.driver.executeScript(
        "const e = document.getElementById(arguments[0]); return e ? e.textContent : null;", id);
    return String.valueOf(text);
  }

  private String chartTotal(String chart) {
    Object total = browser.driver.executeScript(
        "const s = document.querySelector('#chart-' + arguments[0] + ' svg');"
            + " return s ? s.getAttribute('data-total') : null;",
        chart);
    return String.valueOf(total);
  }

  @Test
  void aPhoneWideScreenNeedsNoHorizontalScroll() {
    logIn(ADMIN_KEY);
    browser.waitUpTo(10).until(d -> poolRows().size() == 3);
    browser.emulateViewport(390, 844);
    browser
        .waitUpTo(10)
        .until(d ->
            ((Number) browser.driver.executeScript("return document.documentElement.clientWidth;"))
                    .intValue()
                == 390);
    Object fits = browser.driver.executeScript(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;");
    browser.screenshot("dashboard-390px");
    assertThat(fits).isEqualTo(true);
  }

  private void assertNoSecretOnThePage() {
    String page = browser.driver.getPageSource();
    List<String> secrets =
        new ArrayList<>(List.of(P1, P2, S1, CLIENT_KEY, SECOND_CLIENT_KEY, ADMIN_KEY));
    secrets.addAll(stack.sim.issuedAccessTokens());
    for (String secret : secrets) {
      assertThat(page.contains(secret) || page.contains(secret.substring(0, 16)))
          .as("a secret on the page")
          .isFalse();
    }
  }

  private void assertNoPolicyViolation() {
    List<String> violations = new ArrayList<>();
    for (LogEntry e : browser.driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getMessage().contains("Content Security Policy")) {
        violations.add(e.getMessage());
      }
    }
    assertThat(violations).isEmpty();
  }
}
