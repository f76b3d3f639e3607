package dev.warp2api.server;

import dev.warp2api.core.GatewayException;
import dev.warp2api.usage.RecentRequests;
import dev.warp2api.usage.TrafficMinutes;

/**
 * {@code GET /admin/requests?limit=N} (the requests that ended last, newest first) and {@code GET
 * /admin/traffic} (requests and tokens per minute of the last hour, by model and by key):
 * docs/API.md, 'Admin'. Admin area ({@link Routes#areaOf}).
 */
final class UsageRoutes {
  static final int DEFAULT_LIMIT = 50;

  private final RecentRequests recent;
  private final TrafficMinutes traffic;

  UsageRoutes(RecentRequests recent, TrafficMinutes traffic) {
    this.recent = recent;
    this.traffic = traffic;
  }

  void mount(Routes routes) {
    routes.get(
        "/admin/requests",
        ctx -> Routes.json(
            ctx, 200, UsageViews.requests(recent.newest(limit(ctx.request().getParam("limit"))))));
    routes.get(
        "/admin/traffic", ctx -> Routes.json(ctx, 200, UsageViews.traffic(traffic.minutes())));
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
