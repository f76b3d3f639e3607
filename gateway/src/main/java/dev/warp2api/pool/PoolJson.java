package dev.warp2api.pool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The {@code GET /admin/pool} body (CONTRACT.md): {@code {"credentials":[{"name","tier","fingerprint",
 * "state","quota":{"limit","used","resets_at"}|null,"failures","cooldown_until","last_used","requests"}]}},
 * times RFC 3339 UTC to the second. Built from {@link CredentialView}s, so it cannot contain a secret.
 */
public final class PoolJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PoolJson() {}

  /** The body as a Jackson tree (for handlers that add to it). */
  public static ObjectNode tree(List<CredentialView> views) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode arr = root.putArray("credentials");
    for (CredentialView v : views) {
      ObjectNode n = arr.addObject();
      n.put("name", v.name());
      n.put("tier", v.tier().label());
      n.put("fingerprint", v.fingerprint());
      n.put("state", v.state().label());
      if (v.quota() == null) {
        n.putNull("quota");
      } else {
        ObjectNode q = n.putObject("quota");
        q.put("limit", v.quota().limit());
        q.put("used", v.quota().used());
        q.put("resets_at", time(v.quota().resetsAt()));
        if (v.quota().unlimited()) {
          q.put("unlimited", true);
        }
      }
      n.put("failures", v.failures());
      n.put("cooldown_until", time(v.cooldownUntil()));
      n.put("last_used", time(v.lastUsed()));
      n.put("requests", v.requests());
    }
    return root;
  }

  /** The body as compact JSON text. */
  public static String render(List<CredentialView> views) {
    return tree(views).toString();
  }

  static String time(Instant i) {
    return i == null ? null : i.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
