package dev.warp2api.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.api.ChatExchange;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.usage.KeyRegistry;
import dev.warp2api.usage.NamedKey;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET/POST /admin/keys}, {@code PATCH/DELETE /admin/keys/{name}}: the named client keys
 * (docs/API.md, 'Admin'). A change answers once it is durable; the secret is in the 201 of its
 * creation only. Admin area ({@link Routes#areaOf}).
 */
final class KeysRoutes {
  private final KeyRegistry keys;

  KeysRoutes(KeyRegistry keys) {
    this.keys = keys;
  }

  void mount(Routes routes) {
    routes.get("/admin/keys", ctx -> Routes.json(ctx, 200, list()));
    routes.get(
        "/admin/keys/:name",
        ctx -> Routes.json(
            ctx,
            200,
            keys.json(keys.get(ctx.pathParam("name"))
                .orElseThrow(() -> notFound(ctx.pathParam("name"))))));
    routes.post("/admin/keys", (ctx, body, id) -> {
      KeyRegistry.Created created = keys.create(ChatExchange.parseJson(body));
      ObjectNode answer = keys.json(created.key());
      answer.put("secret", created.secret());
      answerWhenDurable(routes, ctx, 201, answer, created.durable());
    });
    routes.patch("/admin/keys/:name", (ctx, body, id) -> {
      KeyRegistry.Changed changed =
          keys.update(ctx.pathParam("name"), ChatExchange.parseJson(body));
      answerWhenDurable(routes, ctx, 200, keys.json(changed.key()), changed.durable());
    });
    routes.delete("/admin/keys/:name", ctx -> {
      KeyRegistry.Changed revoked = keys.revoke(ctx.pathParam("name"));
      ObjectNode answer = JsonNodeFactory.instance.objectNode();
      answer.put("revoked", revoked.key().name());
      answerWhenDurable(routes, ctx, 200, answer, revoked.durable());
    });
  }

  private ObjectNode list() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode list = root.putArray("keys");
    for (NamedKey k : keys.list()) {
      list.add(keys.json(k));
    }
    return root;
  }

  private static GatewayException notFound(String name) {
    return GatewayException.of(
        ErrorKind.NOT_FOUND,
        "No key named '" + (name.length() > 64 ? name.substring(0, 64) + "..." : name) + "'.");
  }

  private static void answerWhenDurable(
      Routes routes,
      RoutingContext ctx,
      int status,
      ObjectNode body,
      CompletionStage<Void> durable) {
    Future.fromCompletionStage(durable, ctx.vertx().getOrCreateContext()).onComplete(ar -> {
      if (ar.succeeded()) {
        Routes.json(ctx, status, body);
      } else {
        routes.fail(
            ctx,
            GatewayException.internal(
                "The change is in effect but could not be stored (W2A_STATE_DIR or Redis); it would"
                    + " be lost at a restart. Check the store, then repeat the request.",
                ar.cause()));
      }
    });
  }
}
