package dev.warp2api.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code GET /metrics}: this gateway's meters in Prometheus text format (admin area). */
final class MetricsRoute {
  private final PrometheusMeterRegistry registry;

  MetricsRoute(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  void mount(Routes routes) {
    routes.get(
        "/metrics",
        ctx -> ctx.response()
            .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
            .end(registry.scrape()));
  }
}
