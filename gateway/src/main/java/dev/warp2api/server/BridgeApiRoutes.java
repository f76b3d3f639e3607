package dev.warp2api.server;

import dev.warp2api.api.bridge.BridgeRoutes;

/**
 * The original bridge's {@code /api/*} routes (docs/API.md): the JSON and protobuf tools and the
 * raw Warp routes, served by {@link BridgeRoutes}.
 */
final class BridgeApiRoutes {
  private final BridgeRoutes bridge;

  BridgeApiRoutes(BridgeRoutes bridge) {
    this.bridge = bridge;
  }

  void mount(Routes routes) {
    routes.post("/api/encode", (ctx, body, id) -> bridge.encode(ctx.request(), body, id));
    routes.post("/api/decode", (ctx, body, id) -> bridge.decode(ctx.request(), body, id));
    routes.post(
        "/api/stream-decode", (ctx, body, id) -> bridge.streamDecode(ctx.request(), body, id));
    routes.get(
        "/api/schemas", ctx -> bridge.schemas(ctx.request(), null, ctx.get(Routes.REQUEST_ID)));
    routes.post(
        "/api/warp/encode_raw", (ctx, body, id) -> bridge.encodeRaw(ctx.request(), body, id));
    routes.post(
        "/api/warp/send_stream",
        (ctx, body, id) -> bridge.sendStream(ctx.request(), body, id, Routes.caller(ctx)));
    routes.post(
        "/api/warp/send_stream_sse",
        (ctx, body, id) -> bridge.sendStreamSse(ctx.request(), body, id, Routes.caller(ctx)));
  }
}
