package dev.warp2api.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.pipeline.FinishedRequest;
import dev.warp2api.pipeline.FinishedRequests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named client keys (docs/OPERATIONS.md, 'Keys, usage and the dashboard'): created, changed and
 * revoked by an admin at run time, persisted in a {@link DocumentStore} (only each secret's
 * SHA-256), and checked on every request that reaches Warp.
 *
 * <p>The request path ({@link #find}, {@link #admit}) reads an immutable snapshot through one
 * volatile field and counts in lock-free {@link KeyMeter}s: no lock, no disk, no network. Tokens
 * are added when a request ends ({@link FinishedRequests}), so the request that crosses a daily
 * budget finishes and the next one is refused. Changes are serialised among themselves (admin path)
 * and written off the caller's thread. Thread-safe.
 */
public final class KeyRegistry {
  static final String DOCUMENT = "keys";
  private static final Logger LOG = LoggerFactory.getLogger(KeyRegistry.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SECRET_PREFIX = "w2a-";

  private final DocumentStore store;
  private final FinishedRequests finished;
  private final Clock clock;
  private final Map<String, KeyMeter> meters = new ConcurrentHashMap<>();
  private volatile Snapshot snapshot = Snapshot.EMPTY;

  /** The keys by name (in name order) and by the hex SHA-256 of their secret. */
  private record Snapshot(Map<String, NamedKey> byName, Map<String, NamedKey> byDigest) {
    static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of());

    static Snapshot of(List<NamedKey> keys) {
      Map<String, NamedKey> byName = new TreeMap<>();
      Map<String, NamedKey> byDigest = new HashMap<>();
      for (NamedKey k : keys) {
        byName.put(k.name(), k);
        byDigest.put(k.sha256(), k);
      }
      return new Snapshot(byName, byDigest);
    }
  }

  /** A key just created: its secret, shown this once, and when it is durable. */
  public record Created(NamedKey key, String secret, CompletionStage<Void> durable) {
    @Override
    public String toString() {
      return "Created[" + key.name() + "]"; // never the secret
    }
  }

  /** A key changed or revoked, and when the change is durable. */
  public record Changed(NamedKey key, CompletionStage<Void> durable) {}

  /**
   * Reads the keys from {@code store} (blocking: call at start) and counts the tokens of every
   * request that ends with a named key.
   */
  public KeyRegistry(DocumentStore store, FinishedRequests finished, Clock clock) {
    this.store = store;
    this.finished = finished;
    this.clock = clock;
    store.load(DOCUMENT).ifPresent(this::applyDocument);
    store.watch(DOCUMENT, this::applyDocument);
    finished.subscribe(this::count);
  }

  /** Whether no named key exists. */
  public boolean isEmpty() {
    return snapshot.byName.isEmpty();
  }

  /** The key whose secret is {@code presented}, or null. */
  public NamedKey find(String presented) {
    if (presented == null || presented.isEmpty() || snapshot.byDigest.isEmpty()) {
      return null;
    }
    return snapshot.byDigest.get(sha256(presented));
  }

  public List<NamedKey> list() {
    return List.copyOf(snapshot.byName.values());
  }

  public Optional<NamedKey> get(String name) {
    return Optional.ofNullable(snapshot.byName.get(name));
  }

  /** Tokens the key {@code name} used today (UTC), on every instance as far as known. */
  public long tokensToday(String name) {
    KeyMeter m = meters.get(name);
    return m == null ? 0 : m.allTokens(today());
  }

  /**
   * Requests of the key {@code name} let through in the current minute, on every instance as far as
   * known (counted for keys with a per-minute limit only).
   */
  public long requestsThisMinute(String name) {
    KeyMeter m = meters.get(name);
    return m == null ? 0 : m.allRequests(clock.instant().getEpochSecond() / 60);
  }

  /**
   * Lets a request of {@code key} for the Warp model {@code model} go, or throws the error to
   * answer: {@code MODEL_NOT_ALLOWED} (403) for a model outside its list,
   * {@code KEY_BUDGET_EXHAUSTED} (429 until the next UTC midnight) once today's tokens reached its
   * budget, {@code KEY_RATE_LIMITED} (429 until the next minute) over its requests per minute. A
   * refused request is published as ended, with its error.
   */
  public void admit(NamedKey key, String model, String dialect) {
    Instant now = clock.instant();
    GatewayException refused = refusal(key, model, now);
    if (refused != null) {
      finished.publish(new FinishedRequest(
          now,
          key.name(),
          model,
          null,
          dialect,
          refused.kind(),
          false,
          0,
          0,
          0,
          false,
          0,
          Duration.ZERO,
          Duration.ZERO));
      throw refused;
    }
  }

  private GatewayException refusal(NamedKey key, String model, Instant now) {
    if (!key.allows(model)) {
      return GatewayException.about(
          ErrorKind.MODEL_NOT_ALLOWED,
          "The key '" + key.name() + "' may not use the model '" + model + "'; it may use "
              + String.join(", ", key.models()) + ".",
          "model");
    }
    KeyMeter meter = meter(key.name());
    long day = LocalDate.ofInstant(now, ZoneOffset.UTC).toEpochDay();
    if (key.hasBudget() && meter.allTokens(day) >= key.dailyTokens()) {
      Instant reset = LocalDate.ofEpochDay(day + 1).atStartOfDay(ZoneOffset.UTC).toInstant();
      return GatewayException.retryAfter(
          ErrorKind.KEY_BUDGET_EXHAUSTED,
          "The key '" + key.name() + "' has used its daily budget of " + key.dailyTokens()
              + " tokens; it resets at " + reset + ".",
          Math.max(1, Duration.between(now, reset).toSeconds()));
    }
    if (key.hasRateLimit()) {
      long minute = now.getEpochSecond() / 60;
      if (!meter.tryRequest(minute, key.requestsPerMinute())) {
        long retry = Math.max(1, (minute + 1) * 60 - now.getEpochSecond());
        return GatewayException.retryAfter(
            ErrorKind.KEY_RATE_LIMITED,
            "The key '" + key.name() + "' is over its limit of " + key.requestsPerMinute()
                + " requests per minute; retry in " + retry + " s.",
            retry);
      }
    }
    return null;
  }

  /** Creates a key from an admin's JSON ({@code name}, optional limits). */
  public synchronized Created create(JsonNode body) {
    String name = KeyRules.name(body);
    KeyRules.Limits limits = KeyRules.forCreate(body);
    if (snapshot.byName.containsKey(name)) {
      throw GatewayException.about(
          ErrorKind.INVALID_REQUEST, "A key named '" + name + "' exists already.", "name");
    }
    String secret = newSecret();
    NamedKey key = limits.applyTo(new NamedKey(
        name, sha256(secret), List.of(), -1, 0, clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    List<NamedKey> keys = new ArrayList<>(snapshot.byName.values());
    keys.add(key);
    meters.remove(name);
    return new Created(key, secret, replace(keys));
  }

  /** Changes a key's limits: fields present in {@code body} are set ({@code null} clears). */
  public synchronized Changed update(String name, JsonNode body) {
    NamedKey old = existing(name);
    KeyRules.Limits limits = KeyRules.forPatch(body);
    NamedKey changed = limits.applyTo(old);
    List<NamedKey> keys = new ArrayList<>(snapshot.byName.values());
    keys.replaceAll(k -> k.name().equals(name) ? changed : k);
    return new Changed(changed, replace(keys));
  }

  /** Revokes a key: its secret admits nothing from now on. */
  public synchronized Changed revoke(String name) {
    NamedKey old = existing(name);
    List<NamedKey> keys = new ArrayList<>(snapshot.byName.values());
    keys.removeIf(k -> k.name().equals(name));
    CompletionStage<Void> durable = replace(keys);
    meters.remove(name);
    return new Changed(old, durable);
  }

  private NamedKey existing(String name) {
    NamedKey key = snapshot.byName.get(name);
    if (key == null) {
      throw GatewayException.of(
          ErrorKind.NOT_FOUND,
          "No key named '" + (name.length() > 64 ? name.substring(0, 64) + "..." : name) + "'.");
    }
    return key;
  }

  private CompletionStage<Void> replace(List<NamedKey> keys) {
    snapshot = Snapshot.of(keys);
    return store.save(DOCUMENT, document(keys));
  }

  /** The public view of a key (never its secret nor its digest). */
  public ObjectNode json(NamedKey key) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", key.name());
    ArrayNode models = o.putArray("models");
    key.models().forEach(models::add);
    if (key.hasBudget()) {
      o.put("daily_tokens", key.dailyTokens());
    } else {
      o.putNull("daily_tokens");
    }
    if (key.hasRateLimit()) {
      o.put("requests_per_minute", key.requestsPerMinute());
    } else {
      o.putNull("requests_per_minute");
    }
    o.put("tokens_today", tokensToday(key.name()));
    o.put("created", key.created().toString());
    return o;
  }

  // ---- counting -------------------------------------------------------------------------------

  private void count(FinishedRequest r) {
    if (r.key() == null || r.tokens() <= 0 || !snapshot.byName.containsKey(r.key())) {
      return;
    }
    meter(r.key())
        .addTokens(LocalDate.ofInstant(r.time(), ZoneOffset.UTC).toEpochDay(), r.tokens());
  }

  /** Counts tokens already used today (from the ledger at start). */
  public void seedToday(String name, long tokens) {
    if (tokens > 0) {
      meter(name).addTokens(today(), tokens);
    }
  }

  /**
   * This instance's own use per key: {tokens of {@code epochDay}, requests let through in
   * {@code epochMinute}} (the requests of keys with a per-minute limit only).
   */
  Map<String, long[]> ownUse(long epochDay, long epochMinute) {
    Map<String, long[]> out = new HashMap<>();
    meters.forEach(
        (name, m) -> out.put(name, new long[] {m.tokens(epochDay), m.requests(epochMinute)}));
    return out;
  }

  /**
   * What the other instances used per key ({tokens of {@code epochDay}, requests of
   * {@code epochMinute}}), as just read from the shared totals; keys absent used nothing.
   */
  void othersUse(long epochDay, long epochMinute, Map<String, long[]> others) {
    for (String name : snapshot.byName.keySet()) {
      long[] o = others.get(name);
      if (o != null || meters.containsKey(name)) {
        meter(name).others(epochDay, o == null ? 0 : o[0], epochMinute, o == null ? 0 : o[1]);
      }
    }
  }

  private KeyMeter meter(String name) {
    KeyMeter m = meters.get(name);
    return m != null ? m : meters.computeIfAbsent(name, n -> new KeyMeter());
  }

  private long today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay();
  }

  // ---- the stored document --------------------------------------------------------------------

  static String document(List<NamedKey> keys) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("keys");
    for (NamedKey k : keys) {
      ObjectNode o = list.addObject();
      o.put("name", k.name());
      o.put("sha256", k.sha256());
      ArrayNode models = o.putArray("models");
      k.models().forEach(models::add);
      o.put("daily_tokens", k.dailyTokens());
      o.put("requests_per_minute", k.requestsPerMinute());
      o.put("created", k.created().toString());
    }
    return root.toString();
  }

  private void applyDocument(String json) {
    try {
      List<NamedKey> keys = new ArrayList<>();
      for (JsonNode o : JSON.readTree(json).path("keys")) {
        List<String> models = new ArrayList<>();
        o.path("models").forEach(m -> models.add(m.asText()));
        keys.add(new NamedKey(
            o.path("name").asText(),
            o.path("sha256").asText(),
            models,
            o.path("daily_tokens").asLong(-1),
            o.path("requests_per_minute").asInt(0),
            Instant.parse(o.path("created").asText())));
      }
      synchronized (this) {
        snapshot = Snapshot.of(keys);
      }
    } catch (Exception e) {
      LOG.warn("event=keys.unreadable error={}", e.getClass().getName());
    }
  }

  // ---- secrets --------------------------------------------------------------------------------

  private static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String sha256(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
