package dev.warp2api.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.api.AccessPolicy;
import dev.warp2api.api.BodyReader;
import dev.warp2api.api.Caller;
import dev.warp2api.api.ChatExchange;
import dev.warp2api.api.ChatTranslation;
import dev.warp2api.api.Dialect;
import dev.warp2api.api.ErrorMapper;
import dev.warp2api.api.RequestIds;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.server.dashboard.DashboardGate;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * The gateway's routes on one router: which dialect and access area each path belongs to, the body
 * limit, and the handlers. Everything a route answers with an error goes through
 * {@link ErrorMapper}.
 */
final class Routes {
  static final String REQUEST_ID = "w2a.requestId";
  /**
   * The {@link Caller} of a client route: the key it presented (absent outside the client area).
   */
  static final String CALLER = "w2a.caller";

  /** A handler of a route whose body was read within the limit. */
  @FunctionalInterface
  interface BodyHandler {
    void handle(RoutingContext ctx, Buffer body, String requestId);
  }

  private final Router router;
  private final AccessPolicy access;
  private final ErrorMapper errors;
  private final BodyReader bodies;
  private final DashboardGate sessions;

  Routes(
      Vertx vertx,
      AccessPolicy access,
      DashboardGate sessions,
      ErrorMapper errors,
      BodyReader bodies) {
    this.router = Router.router(vertx);
    this.access = access;
    this.sessions = sessions;
    this.errors = errors;
    this.bodies = bodies;
    router.route().handler(this::admit);
  }

  Router router() {
    return router;
  }

  static Dialect dialectOf(String path) {
    if (path.startsWith("/v1/messages")) {
      return Dialect.ANTHROPIC;
    }
    if (path.startsWith("/v1/")) {
      return Dialect.OPENAI;
    }
    return Dialect.BRIDGE;
  }

  /**
   * The access area of a path, decided on the router's normalized path (the one routes match on),
   * so that {@code //admin}, {@code /./admin} or {@code /%61dmin} cannot pass as something else.
   * Only the exact probe paths are open; everything that is not admin needs a client key (an
   * unknown path then answers 401 before 404 when {@code API_TOKEN} is set).
   */
  static AccessPolicy.Area areaOf(String normalizedPath) {
    // The router also matches an exact route with one trailing slash more: so must we.
    String path = normalizedPath.length() > 1 && normalizedPath.endsWith("/")
        ? normalizedPath.substring(0, normalizedPath.length() - 1)
        : normalizedPath;
    if (path.equals("/") || path.equals("/healthz") || path.equals("/readyz")) {
      return AccessPolicy.Area.OPEN;
    }
    if (path.equals("/admin") || path.startsWith("/admin/") || path.equals("/metrics")) {
      return AccessPolicy.Area.ADMIN;
    }
    if (path.equals("/dashboard") || path.startsWith("/dashboard/")) {
      return AccessPolicy.Area.DASHBOARD;
    }
    return AccessPolicy.Area.CLIENT;
  }

  /** Gives every request an id and applies "who may call what" before any handler runs. */
  private void admit(RoutingContext ctx) {
    String requestId = RequestIds.next();
    ctx.put(REQUEST_ID, requestId);
    HttpServerRequest request = ctx.request();
    try {
      AccessPolicy.Area area = areaOf(ctx.normalizedPath());
      if (area == AccessPolicy.Area.ADMIN) {
        admitAdmin(request);
        ctx.put(CALLER, Caller.ANONYMOUS);
      } else {
        if (area == AccessPolicy.Area.DASHBOARD) {
          DashboardGate.refuseCrossSiteWrite(request.method(), request.getHeader("sec-fetch-site"));
        }
        ctx.put(CALLER, access.check(area, request));
      }
    } catch (GatewayException e) {
      fail(ctx, e);
      return;
    }
    ctx.next();
  }

  /**
   * The admin area: a dashboard session (with its CSRF token on writes) admits a request as the
   * admin key does; the loopback rule holds for both.
   */
  private void admitAdmin(HttpServerRequest request) {
    switch (sessions.admit(request)) {
      case DashboardGate.Admission.NoSession none -> access.check(AccessPolicy.Area.ADMIN, request);
      case DashboardGate.Admission.Admitted admitted -> {
        if (access.adminIsLoopbackOnly()) {
          access.requireLoopback(request);
        }
      }
      case DashboardGate.Admission.Refused refused ->
        throw new GatewayException(ErrorKind.FORBIDDEN, refused.reason());
    }
  }

  void get(String path, Handler<RoutingContext> handler) {
    router.get(path).handler(guarded(handler));
  }

  void head(String path, Handler<RoutingContext> handler) {
    router.head(path).handler(guarded(handler));
  }

  void delete(String path, Handler<RoutingContext> handler) {
    router.delete(path).handler(guarded(handler));
  }

  /** A POST route whose body is read with the size limit first. */
  void post(String path, BodyHandler handler) {
    router.post(path).handler(ctx -> readBody(ctx, handler));
  }

  private void readBody(RoutingContext ctx, BodyHandler handler) {
    String requestId = ctx.get(REQUEST_ID);
    bodies.read(ctx.request()).onComplete(ar -> {
      if (ar.failed()) {
        fail(ctx, ar.cause());
        return;
      }
      BodyReader.Body body = ar.result();
      try {
        handler.handle(ctx, body.bytes(), requestId);
      } catch (
          Throwable
              e) { // StackOverflowError included: answered and logged once, never a silent hang
        fail(ctx, e);
      } finally {
        body.release(); // translated (handlers parse and encode before returning): its memory is
        // free again
      }
    });
  }

  /** A POST chat route served by {@link ChatExchange}. */
  void chat(String path, ChatExchange exchange, ChatTranslation translation) {
    chatPerRequest(path, exchange, request -> translation);
  }

  /** A POST chat route whose translation depends on the request's headers. */
  void chatPerRequest(
      String path,
      ChatExchange exchange,
      Function<HttpServerRequest, ChatTranslation> translations) {
    post(
        path,
        (ctx, body, requestId) -> exchange.serve(
            ctx.request(),
            body,
            translations.apply(ctx.request()),
            dialectOf(ctx.normalizedPath()),
            requestId,
            caller(ctx)));
  }

  /** The key the request presented ({@link Caller#ANONYMOUS} when none was needed). */
  static Caller caller(RoutingContext ctx) {
    Caller c = ctx.get(CALLER);
    return c == null ? Caller.ANONYMOUS : c;
  }

  /** A PATCH route whose body is read with the size limit first. */
  void patch(String path, BodyHandler handler) {
    router.patch(path).handler(ctx -> readBody(ctx, handler));
  }

  /** Answers 404 / 405 in the dialect of the path for everything no route took. Call last. */
  void finish() {
    router.route().last().handler(ctx -> {
      String path = ctx.normalizedPath();
      boolean known = router.getRoutes().stream()
          .anyMatch(r -> r.getPath() != null && r.getPath().equals(path) && r.methods() != null);
      fail(
          ctx,
          known
              ? new GatewayException(
                  ErrorKind.METHOD_NOT_ALLOWED,
                  "Method " + ctx.request().method() + " is not allowed on " + path + ".")
              : new GatewayException(
                  ErrorKind.NOT_FOUND, "No route " + ctx.request().method() + " " + path + "."));
    });
    router.errorHandler(
        500, ctx -> fail(ctx, ctx.failure() == null ? new IllegalStateException() : ctx.failure()));
  }

  private Handler<RoutingContext> guarded(Handler<RoutingContext> handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (Throwable e) {
        fail(ctx, e);
      }
    };
  }

  /** Answers {@code body} as JSON with {@code status}. */
  static void json(RoutingContext ctx, int status, JsonNode body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(body.toString());
  }

  /**
   * Answers {@code error} in the path's dialect (a 500 for anything not a {@link GatewayException},
   * logged once by {@link ErrorMapper}). When the response had already begun, the connection is
   * closed instead, so the client sees the failure rather than waiting on a response that will
   * never end.
   */
  void fail(RoutingContext ctx, Throwable error) {
    HttpServerResponse response = ctx.response();
    boolean begun = response.headWritten() && !response.ended() && !response.closed();
    errors.send(response, dialectOf(ctx.normalizedPath()), error, ctx.get(REQUEST_ID));
    if (begun) {
      response.reset();
    }
  }
}
