package dev.warp2api.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code GET /metrics}: this gateway's meters in Prometheus text format (admin area). */
final class MetricsRoute {
  private final PrometheusMeterRegistry registry;
  private final Runnable beforeScrape;

  MetricsRoute(PrometheusMeterRegistry registry) {
    this(registry, () -> {});
  }

  /** {@code beforeScrape} brings gauges that read a snapshot up to date. */
  MetricsRoute(PrometheusMeterRegistry registry, Runnable beforeScrape) {
    this.registry = registry;
    this.beforeScrape = beforeScrape;
  }

  void mount(Routes routes) {
    routes.get("/metrics", ctx -> {
      beforeScrape.run();
      ctx.response()
          .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
          .end(registry.scrape());
    });
  }
}
