package dev.warp2api.server;

import dev.warp2api.api.AccessPolicy;
import dev.warp2api.api.ClientKeys;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.obs.BuildInfo;
import dev.warp2api.server.dashboard.DashboardGate;
import dev.warp2api.server.dashboard.DashboardPages;
import dev.warp2api.server.dashboard.DashboardSessions;
import dev.warp2api.server.dashboard.Session;
import dev.warp2api.server.dashboard.SessionCookie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /dashboard} (the page, or the login form without a session), {@code POST
 * /dashboard/login} (the form's key checked in constant time; a new session and its cookie),
 * {@code POST /dashboard/logout} and {@code GET /dashboard/assets/{file}}. The page's script calls
 * the admin routes with the session cookie and its CSRF token ({@link DashboardGate}). Without
 * {@code W2A_ADMIN_TOKEN} the login takes the client key when {@code API_TOKEN} is set, and there
 * is no login at all when neither is: the loopback rule is then the only guard, as for the other
 * admin routes.
 */
final class DashboardRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardRoutes.class);

  private final DashboardSessions sessions;
  private final DashboardGate gate;
  private final DashboardPages pages;
  private final AccessPolicy access;
  private final Clock clock;

  DashboardRoutes(
      DashboardSessions sessions,
      DashboardGate gate,
      DashboardPages pages,
      AccessPolicy access,
      Clock clock) {
    this.sessions = sessions;
    this.gate = gate;
    this.pages = pages;
    this.access = access;
    this.clock = clock;
  }

  void mount(Routes routes) {
    routes.get("/dashboard", this::page);
    routes.post("/dashboard/login", (ctx, body, id) -> login(ctx, body));
    routes.post("/dashboard/logout", (ctx, body, id) -> logout(routes, ctx));
    routes.get("/dashboard/assets/:file", ctx -> asset(routes, ctx));
  }

  /**
   * The page for a live session, or for a request that needs no login (its key as a header, or
   * nothing to type); the login form otherwise.
   */
  private void page(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Optional<Session> session = gate.session(request.getHeader("cookie"));
    if (session.isEmpty()) {
      ClientKeys keys = access.adminAreaKeys();
      if (!keys.isEmpty() && !keys.admits(request)) {
        html(ctx, 200, pages.login(keyName(), null));
        return;
      }
      session = Optional.of(startSession(ctx));
    }
    html(ctx, 200, pages.page(session.get(), BuildInfo.version()));
  }

  private void login(RoutingContext ctx, Buffer body) {
    HttpServerRequest request = ctx.request();
    ClientKeys keys = access.adminAreaKeys();
    if (!keys.isEmpty() && !keys.matches(formField(body.toString(StandardCharsets.UTF_8), "key"))) {
      LOG.info(
          "event=dashboard.login_refused remote={}",
          request.remoteAddress() == null ? "-" : request.remoteAddress().hostAddress());
      html(ctx, 401, pages.login(keyName(), "That is not the " + keyName() + "."));
      return;
    }
    // A login always gets a new session, so an id planted before it cannot ride on it.
    SessionCookie.values(request.getHeader("cookie")).forEach(sessions::close);
    startSession(ctx);
    LOG.info(
        "event=dashboard.login remote={}",
        request.remoteAddress() == null ? "-" : request.remoteAddress().hostAddress());
    DashboardPages.secure(ctx.response())
        .setStatusCode(303)
        .putHeader("location", "/dashboard")
        .end();
  }

  private void logout(Routes routes, RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    switch (gate.admit(request)) {
      case DashboardGate.Admission.NoSession none -> {
        // Nothing to end: the cookie (if any) is dropped all the same.
      }
      case DashboardGate.Admission.Admitted admitted ->
        sessions.close(admitted.session().id());
      case DashboardGate.Admission.Refused refused -> {
        routes.fail(ctx, new GatewayException(ErrorKind.FORBIDDEN, refused.reason()));
        return;
      }
    }
    DashboardPages.secure(ctx.response())
        .putHeader("set-cookie", SessionCookie.clear(request.isSSL() || forwardedTls(request)))
        .setStatusCode(204)
        .end();
  }

  private void asset(Routes routes, RoutingContext ctx) {
    Optional<DashboardPages.Asset> asset = pages.asset(ctx.pathParam("file"));
    if (asset.isEmpty()) {
      routes.fail(
          ctx,
          new GatewayException(ErrorKind.NOT_FOUND, "No dashboard file " + ctx.normalizedPath()));
      return;
    }
    DashboardPages.secure(ctx.response())
        .putHeader("content-type", asset.get().contentType())
        .end(asset.get().bytes());
  }

  private Session startSession(RoutingContext ctx) {
    Session session = sessions.open();
    HttpServerRequest request = ctx.request();
    ctx.response()
        .putHeader(
            "set-cookie",
            SessionCookie.set(session, clock.instant(), request.isSSL() || forwardedTls(request)));
    return session;
  }

  /** What the login form asks for. */
  private String keyName() {
    return access.adminIsLoopbackOnly() ? "client key (API_TOKEN)" : "admin key (W2A_ADMIN_TOKEN)";
  }

  private static void html(RoutingContext ctx, int status, String body) {
    DashboardPages.secure(ctx.response())
        .setStatusCode(status)
        .putHeader("content-type", "text/html; charset=utf-8")
        .end(body);
  }

  /** A TLS-terminating proxy in front says so; the cookie is then marked Secure. */
  private static boolean forwardedTls(HttpServerRequest request) {
    return "https".equalsIgnoreCase(request.getHeader("x-forwarded-proto"));
  }

  /** One field of an {@code application/x-www-form-urlencoded} body; null when absent. */
  static String formField(String body, String name) {
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (decode(key).equals(name)) {
        return eq < 0 ? "" : decode(pair.substring(eq + 1)).trim();
      }
    }
    return null;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
