package dev.warp2api.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.admin.PoolAdmin;
import dev.warp2api.api.ChatExchange;
import dev.warp2api.core.GatewayException;
import dev.warp2api.warp.protocol.UpstreamDrift;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /admin/pool}, {@code /admin/pool/check}, {@code /admin/pool/recover},
 * {@code /admin/pool/credentials} and {@code /admin/pool/credentials/{name}/disable}: the HTTP side
 * of {@link PoolAdmin}; {@code /admin/drift}: what Warp sent that this version does not know
 * (docs/API.md, 'Admin'). Access is the admin area's ({@link Routes#areaOf}); failures answer
 * through the route table's error mapping. Every write answers only once the pool's state holding
 * it is durable.
 */
final class AdminRoutes {
  private final PoolAdmin admin;

  AdminRoutes(PoolAdmin admin) {
    this.admin = admin;
  }

  void mount(Routes routes) {
    routes.get("/admin/pool", ctx -> Routes.json(ctx, 200, admin.table()));
    routes.get(
        "/admin/drift",
        ctx -> Routes.json(ctx, 200, DriftReport.tree(UpstreamDrift.global().snapshot())));
    routes.post(
        "/admin/pool/check", (ctx, body, id) -> answerWhenDurable(routes, ctx, 200, admin.check()));
    routes.post(
        "/admin/pool/recover",
        (ctx, body, id) -> answerWhenDurable(routes, ctx, 200, admin.recover()));
    routes.post(
        "/admin/pool/credentials",
        (ctx, body, id) -> answerWhenDurable(
            routes, ctx, 201, Future.succeededFuture(admin.add(ChatExchange.parseJson(body)))));
    routes.post(
        "/admin/pool/credentials/:name/disable",
        (ctx, body, id) -> answerWhenDurable(
            routes, ctx, 200, Future.succeededFuture(admin.disable(ctx.pathParam("name")))));
    routes.delete(
        "/admin/pool/credentials/:name",
        ctx -> answerWhenDurable(
            routes, ctx, 200, Future.succeededFuture(admin.remove(ctx.pathParam("name")))));
  }

  /**
   * Answers once {@code answer} and the pool's state are durable. Both may complete on another
   * event loop (a check's reads run on the upstream clients' loops), and Vert.x lets only the
   * request's own thread write its response: the answer is written back there.
   */
  private void answerWhenDurable(
      Routes routes, RoutingContext ctx, int status, Future<ObjectNode> answer) {
    Context home =
        ctx.vertx().getOrCreateContext(); // a route handler runs on its request's context
    answer
        .compose(body -> durable(home).map(body))
        .onComplete(ar -> home.runOnContext(v -> {
          if (ar.succeeded()) {
            Routes.json(ctx, status, ar.result());
          } else {
            routes.fail(ctx, ar.cause());
          }
        }));
  }

  /** The pool's state written durably. */
  private Future<Void> durable(Context home) {
    return Future.<Void>fromCompletionStage(admin.persisted(), home)
        .recover(e -> Future.failedFuture(GatewayException.internal(
            "The change is in effect but could not be written to W2A_STATE_DIR; it would be lost at a restart."
                + " Check the directory's space and permissions, then repeat the request.",
            e)));
  }
}
