package dev.warp2api.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The files in the jar: one origin only, no inline script or style, the CSRF token in the page. */
class DashboardPagesTest {
  private final DashboardPages pages = DashboardPages.load();

  @Test
  void thePolicyAllowsOnlyThisOriginAndNoFraming() {
    assertThat(DashboardPages.CONTENT_SECURITY_POLICY)
        .contains("default-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline")
        .doesNotContain("unsafe-eval")
        .doesNotContain("http:")
        .doesNotContain("https:");
  }

  @Test
  void thePagesCarryNoInlineScriptOrStyleAndNothingFromElsewhere() {
    Session s = new Session("id", "tok<en>", Instant.EPOCH);
    for (String html : new String[] {pages.page(s, "1.0"), pages.login("admin key", "<b>no</b>")}) {
      assertThat(html)
          .doesNotContainPattern("<script(?![^>]*\\bsrc=\"/dashboard/assets/)")
          .doesNotContain("<style")
          .doesNotContainPattern("\\sstyle=")
          .doesNotContainPattern("\\son[a-z]+=")
          .doesNotContain("http://")
          .doesNotContain("https://")
          .doesNotContain("{{");
    }
    assertThat(pages.page(s, "1.0")).contains("content=\"tok&lt;en&gt;\"");
    assertThat(pages.login("admin key", "<b>no</b>")).contains("&lt;b&gt;no&lt;/b&gt;");
  }

  @Test
  void theScriptNeverWritesHtmlAndFetchesOnlyThisOrigin() {
    String js = pages
        .asset("dashboard.js")
        .orElseThrow()
        .bytes()
        .toString()
        .replace("'http://www.w3.org/2000/svg'", "SVG_NAMESPACE"); // a name, never fetched
    assertThat(js)
        .doesNotContain("innerHTML")
        .doesNotContain("outerHTML")
        .doesNotContain("insertAdjacentHTML")
        .doesNotContain("eval(")
        .doesNotContain("http://")
        .doesNotContain("https://")
        .contains("x-csrf-token");
    assertThat(pages.asset("../index.html")).isEmpty();
  }
}
