package dev.warp2api.server;

import dev.warp2api.core.GatewayException;
import dev.warp2api.usage.RecentRequests;
import dev.warp2api.usage.TrafficMinutes;
import dev.warp2api.usage.UsageReport;
import dev.warp2api.usage.UsageSource;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Locale;

/**
 * {@code GET /admin/requests?limit=N} (the requests that ended last, newest first), {@code GET
 * /admin/traffic} (requests and tokens per minute of the last hour, by model and by key) and
 * {@code GET /admin/usage} (the usage ledger, JSON or CSV): docs/API.md, 'Admin'. Admin area
 * ({@link Routes#areaOf}).
 */
final class UsageRoutes {
  static final int DEFAULT_LIMIT = 50;

  private final RecentRequests recent;
  private final TrafficMinutes traffic;
  private final UsageSource usage;
  private final Clock clock;

  UsageRoutes(RecentRequests recent, TrafficMinutes traffic, UsageSource usage, Clock clock) {
    this.recent = recent;
    this.traffic = traffic;
    this.usage = usage;
    this.clock = clock;
  }

  void mount(Routes routes) {
    routes.get(
        "/admin/requests",
        ctx -> Routes.json(
            ctx, 200, UsageViews.requests(recent.newest(limit(ctx.request().getParam("limit"))))));
    routes.get(
        "/admin/traffic", ctx -> Routes.json(ctx, 200, UsageViews.traffic(traffic.minutes())));
    routes.get("/admin/usage", this::usage);
  }

  private void usage(RoutingContext ctx) {
    UsageReport report = UsageReport.of(
        ctx.request().getParam("from"),
        ctx.request().getParam("to"),
        ctx.request().getParam("group_by"),
        clock);
    String accept = ctx.request().getHeader("accept");
    boolean csv = accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    // With Redis the totals are read from it: asynchronous, bounded, and never failing.
    Future.fromCompletionStage(
            usage.totals(report.from(), report.to()), ctx.vertx().getOrCreateContext())
        .onSuccess(totals -> {
          if (!csv) {
            Routes.json(ctx, 200, report.json(totals));
            return;
          }
          if (totals.note() != null) {
            ctx.response().putHeader("x-w2a-note", totals.note());
          }
          ctx.response()
              .putHeader("content-type", "text/csv; charset=utf-8")
              .putHeader(
                  "content-disposition",
                  "attachment; filename=\"usage-" + report.from() + "-" + report.to() + ".csv\"")
              .end(report.csv(totals));
        })
        .onFailure(ctx::fail);
  }

  private int limit(String param) {
    if (param == null || param.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    int max = recent.capacity();
    try {
      int n = Integer.parseInt(param.trim());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw GatewayException.invalid(
        "limit must be a whole number from 1 to " + max + "; got '" + shortened(param) + "'.",
        "limit");
  }

  private static String shortened(String s) {
    return s.length() > 20 ? s.substring(0, 20) + "..." : s;
  }
}
