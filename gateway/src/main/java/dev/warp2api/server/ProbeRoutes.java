package dev.warp2api.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.GatewayException;
import dev.warp2api.obs.BuildInfo;
import dev.warp2api.pool.CredentialPool;
import dev.warp2api.pool.Readiness;
import dev.warp2api.pool.StoreHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /healthz}, {@code GET /readyz}, {@code GET /} and {@code HEAD /}: open to everyone.
 */
final class ProbeRoutes {
  private final CredentialPool pool;
  private final Clock clock;
  private final Instant started;
  private final BooleanSupplier stopping;

  /** @param stopping true once the instance is shutting down: {@code /readyz} then answers 503 */
  ProbeRoutes(CredentialPool pool, Clock clock, BooleanSupplier stopping) {
    this.pool = pool;
    this.clock = clock;
    this.started = clock.instant();
    this.stopping = stopping;
  }

  /**
   * The state store's reachability: an instance whose Redis is away is still ready (it serves from
   * what it knows), and says so here.
   */
  private void store(ObjectNode body) {
    StoreHealth h = pool.storeHealth();
    ObjectNode store = body.putObject("store");
    store.put("kind", h.kind());
    store.put("reachable", h.reachable());
    if (h.since() != null && !h.reachable()) {
      store.put("unreachable_since", h.since().toString());
    }
  }

  void mount(Routes routes) {
    routes.get("/healthz", ctx -> {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("status", "ok");
      body.put("version", BuildInfo.version());
      body.put("uptime_seconds", Duration.between(started, clock.instant()).toSeconds());
      Routes.json(ctx, 200, body);
    });
    routes.get("/readyz", ctx -> {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      if (stopping.getAsBoolean()) {
        body.put("ready", false);
        store(body);
        body.put("reason", "shutting down: requests in flight are finishing");
        body.putNull("retry_after_seconds");
        Routes.json(ctx, 503, body);
        return;
      }
      Readiness r = pool.readiness();
      if (r.ready()) {
        body.put("ready", true);
        body.put("available", r.available());
        store(body);
        Routes.json(ctx, 200, body);
        return;
      }
      body.put("ready", false);
      store(body);
      body.put(
          "reason",
          r.cause() == null
              ? "no credential can take a request"
              : r.cause().ending(r.soonestRecovery(), clock.instant()).message());
      long retryAfter = r.soonestRecovery() == null
          ? -1
          : GatewayException.secondsUntil(clock.instant(), r.soonestRecovery());
      if (retryAfter > 0) {
        body.put("retry_after_seconds", retryAfter);
        ctx.response().putHeader("retry-after", Long.toString(retryAfter));
      } else {
        body.putNull("retry_after_seconds");
      }
      Routes.json(ctx, 503, body);
    });
    routes.get("/", ctx -> {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("service", "warp2api");
      body.put("version", BuildInfo.version());
      Routes.json(ctx, 200, body);
    });
    routes.head(
        "/",
        ctx -> ctx.response()
            .setStatusCode(200)
            .putHeader("content-type", "application/json")
            .end());
  }
}
