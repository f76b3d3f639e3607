package dev.warp2api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The credential pool as a plain-text table: name, tier, state, quota left, resets at, failures,
 * cooldown until, last used, requests. Never shows a token (rows carry none). Stateless.
 */
public final class PoolTable {
  static final List<String> HEADER = List.of("NAME", "TIER", "STATE", "QUOTA LEFT", "RESETS AT", "FAILURES",
      "COOLDOWN UNTIL", "LAST USED", "REQUESTS");

  private PoolTable() {}

  /**
   * One credential, as printed. Absent values are {@code null} and print as {@code -}.
   *
   * @param quotaLeft {@code limit - used}, as text ({@code ?} when only part of the quota is known)
   * @param resetsAt RFC 3339 UTC time, as the admin API gives it
   */
  public record Row(String name, String tier, String state, String quotaLeft, String resetsAt, long failures,
      String cooldownUntil, String lastUsed, long requests) {}

  /** The rows of a {@code GET /admin/pool} answer (CONTRACT.md "HTTP routes"). */
  public static List<Row> fromAdminJson(JsonNode pool) {
    List<Row> rows = new ArrayList<>();
    for (JsonNode c : pool.path("credentials")) {
      JsonNode quota = c.path("quota");
      String left = null;
      if (quota.isObject()) {
        JsonNode limit = quota.path("limit");
        JsonNode used = quota.path("used");
        left = limit.isNumber() && used.isNumber() ? Long.toString(limit.asLong() - used.asLong()) : "?";
      }
      rows.add(new Row(text(c, "name"), text(c, "tier"), text(c, "state"), left, text(quota, "resets_at"),
          c.path("failures").asLong(0), text(c, "cooldown_until"), text(c, "last_used"), c.path("requests").asLong(0)));
    }
    return rows;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  /** The table, one line per row, columns padded to their widest value; a note when there are no rows. */
  public static String render(List<Row> rows) {
    List<List<String>> cells = new ArrayList<>();
    cells.add(HEADER);
    for (Row r : rows) {
      cells.add(List.of(dash(r.name()), dash(r.tier()), dash(r.state()), dash(r.quotaLeft()), dash(r.resetsAt()),
          Long.toString(r.failures()), dash(r.cooldownUntil()), dash(r.lastUsed()), Long.toString(r.requests())));
    }
    int[] widths = new int[HEADER.size()];
    for (List<String> line : cells) {
      for (int i = 0; i < line.size(); i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> line : cells) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.size(); i++) {
        text.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", line.get(i)));
      }
      out.append(text.toString().stripTrailing()).append('\n');
    }
    if (rows.isEmpty()) {
      out.append("(no credentials configured: set WARP_REFRESH_TOKEN, WARP_PERSONAL_TOKENS, WARP_SHARED_TOKENS, "
          + "WARP_ANONYMOUS_TOKEN or WARP_JWT)\n");
    }
    return out.toString();
  }

  private static String dash(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }
}
