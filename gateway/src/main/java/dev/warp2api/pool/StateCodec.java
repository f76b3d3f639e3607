package dev.warp2api.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.config.CredentialSpec;
import dev.warp2api.config.Tier;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** JSON form of {@link PoolState} (format version 1, described in {@code docs/POOL.md}). */
final class StateCodec {
  static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private StateCodec() {}

  static byte[] encode(PoolState state) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    ObjectNode byFp = root.putObject("credentials");
    for (PoolState.Stored s : state.credentials()) {
      ObjectNode n = byFp.putObject(s.fingerprint());
      n.put("name", s.name());
      n.put("tier", s.tier().label());
      n.put("kind", s.kind().name());
      n.put("added_secret", s.addedSecret());
      n.put("state", s.state().label());
      n.put("until", time(s.until()));
      n.put("auth_failures", s.authFailures());
      n.put("overloads", s.overloads());
      n.put("transient_failures", s.transientFailures());
      n.put("requests", s.requests());
      n.put("last_used", time(s.lastUsed()));
      if (s.quota() == null) {
        n.putNull("quota");
      } else {
        ObjectNode q = n.putObject("quota");
        q.put("limit", s.quota().limit());
        q.put("used", s.quota().used());
        q.put("unlimited", s.quota().unlimited());
        q.put("resets_at", time(s.quota().resetsAt()));
        q.put("read_at", time(s.quota().readAt()));
      }
      if (s.accessToken() == null) {
        n.putNull("access_token");
      } else {
        ObjectNode t = n.putObject("access_token");
        t.put("token", s.accessToken().token());
        t.put("expires_at", time(s.accessToken().expiresAt()));
      }
    }
    ArrayNode removed = root.putArray("removed");
    state.removed().forEach(removed::add);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }

  /** @throws IOException or a runtime exception when the bytes are not a valid state */
  static PoolState decode(byte[] bytes) throws IOException {
    JsonNode root = JSON.readTree(bytes);
    if (root == null || root.path("version").asInt(-1) != VERSION || !root.path("credentials").isObject()) {
      throw new IOException("not a version " + VERSION + " pool state");
    }
    List<PoolState.Stored> out = new ArrayList<>();
    var fields = root.get("credentials").fields();
    while (fields.hasNext()) {
      var e = fields.next();
      JsonNode n = e.getValue();
      JsonNode q = n.path("quota");
      JsonNode t = n.path("access_token");
      out.add(new PoolState.Stored(
          e.getKey(),
          n.get("name").asText(),
          Tier.valueOf(n.get("tier").asText().toUpperCase(Locale.ROOT)),
          CredentialSpec.Kind.valueOf(n.get("kind").asText()),
          text(n.path("added_secret")),
          CredentialState.parse(n.get("state").asText()),
          instant(n.path("until")),
          n.path("auth_failures").asInt(),
          n.path("overloads").asInt(),
          n.path("transient_failures").asInt(),
          n.path("requests").asLong(),
          instant(n.path("last_used")),
          q.isObject() ? new QuotaSnapshot(q.get("limit").asLong(), q.get("used").asLong(),
              q.path("unlimited").asBoolean(), instant(q.path("resets_at")), instant(q.get("read_at"))) : null,
          t.isObject() ? new CachedAccessToken(t.get("token").asText(), instant(t.get("expires_at"))) : null));
    }
    List<String> removed = new ArrayList<>();
    root.path("removed").forEach(fp -> removed.add(fp.asText())); // absent in files written before it existed
    return new PoolState(out, removed);
  }

  private static String time(Instant i) {
    return i == null ? null : i.toString();
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
  }

  private static Instant instant(JsonNode n) {
    String s = text(n);
    return s == null ? null : Instant.parse(s);
  }
}
