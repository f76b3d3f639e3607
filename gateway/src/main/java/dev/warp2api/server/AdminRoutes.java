package dev.warp2api.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.api.ChatExchange;
import dev.warp2api.config.Tier;
import dev.warp2api.core.GatewayException;
import dev.warp2api.pool.CredentialId;
import dev.warp2api.pool.CredentialPool;
import dev.warp2api.pool.CredentialView;
import dev.warp2api.pool.PoolJson;
import dev.warp2api.warp.protocol.UpstreamDrift;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /admin/pool}, {@code /admin/pool/check}, {@code /admin/pool/recover} and
 * {@code /admin/pool/credentials}: the operator's view and levers; {@code /admin/drift}: what Warp sent that
 * this version does not know (docs/API.md, 'Admin'). Answers never carry a
 * token; a check reports, per credential, {@code ok} or what went wrong.
 */
final class AdminRoutes {
  private final CredentialPool pool;
  private final PoolMaintenance maintenance;

  AdminRoutes(PoolMaintenance maintenance) {
    this.pool = maintenance.pool;
    this.maintenance = maintenance;
  }

  void mount(Routes routes) {
    routes.get("/admin/pool", ctx -> json(ctx, 200, PoolJson.tree(pool.snapshot())));
    routes.get("/admin/drift", ctx -> json(ctx, 200, DriftReport.tree(UpstreamDrift.global().snapshot())));
    routes.post("/admin/pool/check", (ctx, body, id) -> maintenance.check()
        .compose(results -> durable(ctx).map(results))
        .onComplete(ar -> answerChecks(routes, ctx, ar)));
    routes.post("/admin/pool/recover", (ctx, body, id) -> maintenance.recover()
        .compose(results -> durable(ctx).map(results))
        .onComplete(ar -> answerChecks(routes, ctx, ar)));
    routes.post("/admin/pool/credentials", (ctx, body, id) -> {
      JsonNode json = ChatExchange.parseJson(body);
      Tier tier = tier(json.get("tier"));
      JsonNode token = json.get("refresh_token");
      if (token == null || !token.isTextual() || token.asText().isBlank()) {
        throw GatewayException.invalid("refresh_token must be a non-empty string.", "refresh_token");
      }
      CredentialView added = pool.add(tier, token.asText().trim());
      maintenance.quotas.readSoon(new CredentialId(added.name(), added.fingerprint()));
      answerWhenDurable(routes, ctx, 201, PoolJson.tree(List.of(added)));
    });
    routes.delete("/admin/pool/credentials/:name", ctx -> {
      CredentialView removed = pool.remove(ctx.pathParam("name"));
      answerWhenDurable(routes, ctx, 200, PoolJson.tree(List.of(removed)));
    });
  }

  /**
   * Every admin write answers only once the pool's state holding it is durable (the state file and its
   * directory fsync'd), so a crash right after the answer cannot undo the operator's change.
   */
  private void answerWhenDurable(Routes routes, RoutingContext ctx, int status, JsonNode body) {
    durable(ctx).onComplete(ar -> {
      if (ar.succeeded()) {
        json(ctx, status, body);
      } else {
        routes.fail(ctx, ar.cause());
      }
    });
  }

  /** The pool's state written durably, completed back on the request's context. */
  private Future<Void> durable(RoutingContext ctx) {
    return Future.<Void>fromCompletionStage(pool.persisted(), ctx.vertx().getOrCreateContext())
        .recover(e -> Future.failedFuture(GatewayException.internal(
            "The change is in effect but could not be written to W2A_STATE_DIR; it would be lost at a restart."
                + " Check the directory's space and permissions, then repeat the request.", e)));
  }

  private static Tier tier(JsonNode node) {
    if (node == null || !node.isTextual()) {
      throw GatewayException.invalid("tier must be one of personal, shared, anonymous.", "tier");
    }
    try {
      return Tier.valueOf(node.asText().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw GatewayException.invalid("tier must be one of personal, shared, anonymous.", "tier");
    }
  }

  private void answerChecks(Routes routes, RoutingContext ctx, AsyncResult<Map<String, String>> result) {
    if (result.failed()) {
      routes.fail(ctx, result.cause());
      return;
    }
    Map<String, String> results = result.result();
    ObjectNode answer = PoolJson.tree(pool.snapshot());
    ObjectNode checks = answer.putObject("checks");
    results.forEach(checks::put);
    json(ctx, 200, answer);
  }

  static void json(RoutingContext ctx, int status, JsonNode body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.toString());
  }
}
