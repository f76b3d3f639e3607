package dev.warp2api.server.dashboard;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's files, read once from the jar ({@code /dashboard/} in the resources): the page,
 * the login form, one stylesheet and one script; nothing is fetched from anywhere else. Every
 * response carries {@link #secure the same headers}: a Content-Security-Policy that allows only
 * this origin's script and stylesheet (no inline script or style, no framing), no MIME sniffing, no
 * referrer, no caching.
 */
public final class DashboardPages {
  /** The policy every dashboard response carries. */
  public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
      + "style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; "
      + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

  /** A static file of the dashboard. */
  public record Asset(String contentType, Buffer bytes) {}

  private final String page;
  private final String login;
  private final Map<String, Asset> assets;

  private DashboardPages(String page, String login, Map<String, Asset> assets) {
    this.page = page;
    this.login = login;
    this.assets = assets;
  }

  /** Reads the files from the classpath; throws when one is missing (a broken build). */
  public static DashboardPages load() {
    return new DashboardPages(
        text("index.html"),
        text("login.html"),
        Map.of(
            "dashboard.css",
            new Asset("text/css; charset=utf-8", Buffer.buffer(text("dashboard.css"))),
            "dashboard.js",
            new Asset("text/javascript; charset=utf-8", Buffer.buffer(text("dashboard.js")))));
  }

  /** The dashboard page for {@code session}: its CSRF token in a meta element for the script. */
  public String page(Session session, String version) {
    return page.replace("{{csrf}}", escape(session.csrfToken()))
        .replace("{{version}}", escape(version));
  }

  /**
   * The login form.
   *
   * @param keyName what to type: the admin key, or the client key when no admin key is set
   * @param message why the form is shown again (a wrong key), or null
   */
  public String login(String keyName, String message) {
    return login
        .replace("{{keyname}}", escape(keyName))
        .replace(
            "{{message}}",
            message == null ? "" : "<p class=\"error\" role=\"alert\">" + escape(message) + "</p>");
  }

  /** The stylesheet or script called {@code name}. */
  public Optional<Asset> asset(String name) {
    return Optional.ofNullable(assets.get(name));
  }

  /** Adds the headers every dashboard response carries. */
  public static HttpServerResponse secure(HttpServerResponse response) {
    return response
        .putHeader("content-security-policy", CONTENT_SECURITY_POLICY)
        .putHeader("x-content-type-options", "nosniff")
        .putHeader("x-frame-options", "DENY")
        .putHeader("referrer-policy", "no-referrer")
        .putHeader("cache-control", "no-store");
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String text(String name) {
    try (InputStream in = DashboardPages.class.getResourceAsStream("/dashboard/" + name)) {
      if (in == null) {
        throw new IllegalStateException("dashboard file missing from the jar: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
