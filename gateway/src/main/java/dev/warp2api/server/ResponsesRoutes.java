package dev.warp2api.server;

import dev.warp2api.api.ChatExchange;
import dev.warp2api.api.responses.ResponsesApi;
import io.vertx.ext.web.RoutingContext;

/**
 * The OpenAI Responses API: {@code POST /v1/responses} (through the one {@link ChatExchange}, like
 * the other chat routes), {@code POST /v1/responses/input_tokens}, and {@code GET}/{@code DELETE}
 * of stored responses and {@code GET /v1/responses/{id}/input_items}. Every route sees only the
 * stored responses of the client key it presents.
 */
final class ResponsesRoutes {
  private final ResponsesApi api;
  private final ChatExchange exchange;

  ResponsesRoutes(ResponsesApi api, ChatExchange exchange) {
    this.api = api;
    this.exchange = exchange;
  }

  void mount(Routes routes) {
    routes.chatPerRequest(
        "/v1/responses", exchange, request -> api.translation(ResponsesApi.ownerOf(request)));
    routes.post(
        "/v1/responses/input_tokens",
        (ctx, body, id) ->
            Routes.json(ctx, 200, api.inputTokens(owner(ctx), ChatExchange.parseJson(body))));
    routes.get(
        "/v1/responses/:id",
        ctx -> Routes.json(ctx, 200, api.retrieve(owner(ctx), ctx.pathParam("id"))));
    routes.get(
        "/v1/responses/:id/input_items",
        ctx -> Routes.json(
            ctx,
            200,
            api.inputItems(
                owner(ctx),
                ctx.pathParam("id"),
                ctx.queryParams().get("limit"),
                ctx.queryParams().get("order"),
                ctx.queryParams().get("after"))));
    routes.delete(
        "/v1/responses/:id",
        ctx -> Routes.json(ctx, 200, api.delete(owner(ctx), ctx.pathParam("id"))));
  }

  private static String owner(RoutingContext ctx) {
    return ResponsesApi.ownerOf(ctx.request());
  }
}
