package dev.warp2api.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.config.Tier;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code GET /admin/pool} body (docs/API.md, 'Admin'):
 * {@code {"credentials":[{"name","tier","fingerprint",
 * "state","quota":{"limit","used","resets_at"}|null,"failures","cooldown_until","last_used","requests"}]}},
 * times RFC 3339 UTC to the second. Built from {@link CredentialView}s, so it cannot contain a
 * secret; {@link #parse} reads it back (the CLI's {@code pool status} prints what a running gateway
 * answers).
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

  /**
   * The views in a body written by {@link #tree}, so that a client of the admin API can print them
   * with {@link PoolTable}. A missing fingerprint, quota or time is null; missing counters are 0;
   * {@code inFlight} is not in the body and reads as 0.
   *
   * @param readAt the {@link QuotaSnapshot#readAt()} given to the quotas read
   * @throws IllegalArgumentException naming the field when the body is not of that shape
   */
  public static List<CredentialView> parse(JsonNode body, Instant readAt) {
    JsonNode credentials = body.path("credentials");
    if (!credentials.isArray()) {
      throw new IllegalArgumentException("pool answer: 'credentials' is not a list");
    }
    List<CredentialView> views = new ArrayList<>();
    for (int i = 0; i < credentials.size(); i++) {
      views.add(view(credentials.get(i), "credentials[" + i + "].", readAt));
    }
    return views;
  }

  private static CredentialView view(JsonNode c, String at, Instant readAt) {
    String name = required(c, "name", at);
    Tier tier = label(Tier.class, required(c, "tier", at), at + "tier");
    CredentialState state = label(CredentialState.class, required(c, "state", at), at + "state");
    JsonNode q = c.path("quota");
    QuotaSnapshot quota = null;
    if (q.isObject()) {
      quota = new QuotaSnapshot(
          q.path("limit").asLong(0),
          q.path("used").asLong(0),
          q.path("unlimited").asBoolean(),
          instant(q, "resets_at", at + "quota."),
          readAt);
    }
    return new CredentialView(
        name,
        tier,
        optional(c, "fingerprint"),
        state,
        quota,
        c.path("failures").asInt(0),
        instant(c, "cooldown_until", at),
        instant(c, "last_used", at),
        c.path("requests").asLong(0),
        0);
  }

  private static String required(JsonNode node, String field, String at) {
    String value = optional(node, field);
    if (value == null) {
      throw new IllegalArgumentException("pool answer: '" + at + field + "' is missing");
    }
    return value;
  }

  private static String optional(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  private static <E extends Enum<E>> E label(Class<E> type, String label, String field) {
    try {
      return Enum.valueOf(type, label.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "pool answer: '" + field + "' is '" + label + "', not a known " + type.getSimpleName());
    }
  }

  private static Instant instant(JsonNode node, String field, String at) {
    String text = optional(node, field);
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "pool answer: '" + at + field + "' is not an RFC 3339 time: " + text);
    }
  }

  static String time(Instant i) {
    return i == null ? null : i.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
