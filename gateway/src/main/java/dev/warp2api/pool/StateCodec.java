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

/**
 * JSON form of {@link PoolState} (format version 1, described in {@code docs/POOL.md}), and of one
 * credential's record (the Redis store keeps one per key). With a {@link Sealer} the secrets
 * ({@code added_secret}, {@code access_token.token}) are written sealed; secrets read in clear
 * (written before a key was set) are accepted and sealed at the next write.
 */
final class StateCodec {
  static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private StateCodec() {}

  static byte[] encode(PoolState state, Sealer sealerOrNull) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    ObjectNode byFp = root.putObject("credentials");
    for (PoolState.Stored s : state.credentials()) {
      write(byFp.putObject(s.fingerprint()), s, sealerOrNull);
    }
    ArrayNode removed = root.putArray("removed");
    state.removed().forEach(removed::add);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }

  /** One credential's record as a compact JSON string, its fingerprint inside. */
  static String encodeOne(PoolState.Stored s, Sealer sealerOrNull) {
    ObjectNode n = JSON.createObjectNode();
    n.put("fingerprint", s.fingerprint());
    write(n, s, sealerOrNull);
    return n.toString();
  }

  /**
   * @throws dev.warp2api.config.ConfigException when a secret is sealed under a key we do not have
   * @throws IOException or a runtime exception when the text is not a record
   */
  static PoolState.Stored decodeOne(String json, Sealer sealerOrNull) throws IOException {
    JsonNode n = JSON.readTree(json);
    return read(n.get("fingerprint").asText(), n, sealerOrNull);
  }

  private static void write(ObjectNode n, PoolState.Stored s, Sealer sealer) {
    n.put("name", s.name());
    n.put("tier", s.tier().label());
    n.put("kind", s.kind().name());
    n.put("added_secret", Sealer.write(sealer, s.addedSecret(), s.fingerprint() + "/added_secret"));
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
      t.put(
          "token",
          Sealer.write(sealer, s.accessToken().token(), s.fingerprint() + "/access_token"));
      t.put("expires_at", time(s.accessToken().expiresAt()));
    }
    n.put("since", time(s.since()));
    n.put("op_at", time(s.opAt()));
  }

  /**
   * @throws dev.warp2api.config.ConfigException when a secret is sealed and no key given opens it
   *     (the store is then left as it is, never read as empty)
   * @throws IOException or a runtime exception when the bytes are not a valid state
   */
  static PoolState decode(byte[] bytes, Sealer sealerOrNull) throws IOException {
    JsonNode root = JSON.readTree(bytes);
    if (root == null
        || root.path("version").asInt(-1) != VERSION
        || !root.path("credentials").isObject()) {
      throw new IOException("not a version " + VERSION + " pool state");
    }
    List<PoolState.Stored> out = new ArrayList<>();
    var fields = root.get("credentials").fields();
    while (fields.hasNext()) {
      var e = fields.next();
      out.add(read(e.getKey(), e.getValue(), sealerOrNull));
    }
    List<String> removed = new ArrayList<>();
    root.path("removed")
        .forEach(fp -> removed.add(fp.asText())); // absent in files written before it existed
    return new PoolState(out, removed);
  }

  static byte[] encode(PoolState state) throws IOException {
    return encode(state, null);
  }

  static PoolState decode(byte[] bytes) throws IOException {
    return decode(bytes, null);
  }

  private static PoolState.Stored read(String fp, JsonNode n, Sealer sealer) {
    JsonNode q = n.path("quota");
    JsonNode t = n.path("access_token");
    return new PoolState.Stored(
        fp,
        n.get("name").asText(),
        Tier.valueOf(n.get("tier").asText().toUpperCase(Locale.ROOT)),
        CredentialSpec.Kind.valueOf(n.get("kind").asText()),
        Sealer.read(sealer, text(n.path("added_secret")), fp + "/added_secret"),
        CredentialState.parse(n.get("state").asText()),
        instant(n.path("until")),
        n.path("auth_failures").asInt(),
        n.path("overloads").asInt(),
        n.path("transient_failures").asInt(),
        n.path("requests").asLong(),
        instant(n.path("last_used")),
        q.isObject()
            ? new QuotaSnapshot(
                q.get("limit").asLong(),
                q.get("used").asLong(),
                q.path("unlimited").asBoolean(),
                instant(q.path("resets_at")),
                instant(q.get("read_at")))
            : null,
        t.isObject()
            ? new CachedAccessToken(
                Sealer.read(sealer, t.get("token").asText(), fp + "/access_token"),
                instant(t.get("expires_at")))
            : null,
        instant(n.path("since")),
        instant(n.path("op_at")));
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
