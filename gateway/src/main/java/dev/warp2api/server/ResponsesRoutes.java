package dev.warp2api.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.api.ChatExchange;
import dev.warp2api.api.responses.ResponsesApi;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The OpenAI Responses API: {@code POST /v1/responses} (through the one {@link ChatExchange}, like
 * the other chat routes), {@code POST /v1/responses/input_tokens}, and {@code GET}/{@code DELETE}
 * of stored responses and {@code GET /v1/responses/{id}/input_items}. Every route sees only the
 * stored responses of the client key it presents. With a shared store, a response another instance
 * stored is read from Redis first ({@link ResponsesApi#continuation},
 * {@link ResponsesApi#LOOKUP_WAIT}); the answer is then written from the request's own event loop.
 */
final class ResponsesRoutes {
  private final ResponsesApi api;
  private final ChatExchange exchange;

  ResponsesRoutes(ResponsesApi api, ChatExchange exchange) {
    this.api = api;
    this.exchange = exchange;
  }

  void mount(Routes routes) {
    routes.post("/v1/responses", (ctx, body, requestId) -> {
      String owner = owner(ctx);
      Future<Void> ready = api.continuation(owner, body);
      if (ready.isComplete()) {
        serve(ctx, owner, body, requestId);
        return;
      }
      Buffer kept = body.copy(); // the body's own buffer is released when this handler returns
      onRequestContext(ready, v -> serve(ctx, owner, kept, requestId));
    });
    routes.post(
        "/v1/responses/input_tokens",
        (ctx, body, id) ->
            Routes.json(ctx, 200, api.inputTokens(owner(ctx), ChatExchange.parseJson(body))));
    routes.get(
        "/v1/responses/:id",
        ctx -> answer(routes, ctx, api.retrieve(owner(ctx), ctx.pathParam("id"))));
    routes.get(
        "/v1/responses/:id/input_items",
        ctx -> answer(
            routes,
            ctx,
            api.inputItems(
                owner(ctx),
                ctx.pathParam("id"),
                ctx.queryParams().get("limit"),
                ctx.queryParams().get("order"),
                ctx.queryParams().get("after"))));
    routes.delete(
        "/v1/responses/:id",
        ctx -> answer(routes, ctx, api.delete(owner(ctx), ctx.pathParam("id"))));
  }

  private void serve(RoutingContext ctx, String owner, Buffer body, String requestId) {
    exchange.serve(
        ctx.request(),
        body,
        api.translation(owner),
        Routes.dialectOf(ctx.normalizedPath()),
        requestId,
        Routes.caller(ctx));
  }

  private static void answer(Routes routes, RoutingContext ctx, Future<? extends JsonNode> body) {
    onRequestContext(body, ar -> {
      if (ar.succeeded()) {
        Routes.json(ctx, 200, ar.result());
      } else {
        routes.fail(ctx, ar.cause());
      }
    });
  }

  /**
   * {@code then} with {@code f}'s outcome on the calling event loop (responses are written from
   * their request's own loop); at once when {@code f} is already complete.
   */
  private static <T> void onRequestContext(Future<T> f, Handler<AsyncResult<T>> then) {
    if (f.isComplete()) {
      then.handle(f);
      return;
    }
    Context here = Vertx.currentContext();
    f.onComplete(ar -> {
      if (here == null) {
        then.handle(ar);
      } else {
        here.runOnContext(v -> then.handle(ar));
      }
    });
  }

  private static String owner(RoutingContext ctx) {
    return ResponsesApi.ownerOf(ctx.request());
  }
}
