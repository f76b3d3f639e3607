package dev.warp2api.pool;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.warp2api.config.AffinitySettings;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which credential served each conversation's last turn: the hint {@link CredentialPool#acquire}
 * prefers when it may (see docs/POOL.md "Conversation affinity"). Only a memory: whether the hint
 * is followed is the pool's decision, made under its lock.
 *
 * <p>Bounded: at most {@link AffinitySettings#maxEntries()} conversations (the least useful go
 * first), each forgotten after {@link AffinitySettings#idle()} without a turn, measured on the
 * injected clock. With {@code maxEntries} 0 nothing is remembered. Thread-safe.
 *
 * <p>Shared ({@link #shareThrough}, with {@code W2A_REDIS_URL}): what this instance remembers is
 * published on a {@link SharedFeed} ({@code feed:affinity}: a digest of the conversation key and
 * the credential's fingerprint, never the key or a secret), and what the others publish is
 * remembered here, so a conversation that moves to another instance keeps its credential. The
 * lookup stays local: a request never waits on Redis. A turn served by the credential already
 * remembered is published again only once per half idle time, which keeps the others' copies alive
 * without a write per turn.
 */
public final class Affinity implements AutoCloseable {
  private static final Affinity NONE = new Affinity(null, null, Duration.ZERO, 0);

  /** Digest of a conversation key -> the credential that served its last turn. */
  private final Cache<String, Served> served;

  private final Clock clock;
  private final Duration idle;
  private final int maxEntries;
  private volatile SharedFeed feed;
  private volatile Function<String, CredentialId> byFingerprint;

  /**
   * @param sharedAt when this memory was last published or learned from another instance, in epoch
   *     ms; {@link Long#MIN_VALUE} when never
   */
  private record Served(CredentialId id, long sharedAt) {}

  private Affinity(Cache<String, Served> served, Clock clock, Duration idle, int maxEntries) {
    this.served = served;
    this.clock = clock;
    this.idle = idle;
    this.maxEntries = maxEntries;
  }

  /** Remembers nothing: every request is spread round-robin. */
  public static Affinity none() {
    return NONE;
  }

  /** A memory bounded as {@code settings} say, its idle time measured on {@code clock}. */
  public static Affinity of(AffinitySettings settings, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    if (settings.maxEntries() == 0) {
      return NONE;
    }
    Ticker ticker = () -> {
      Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
    return new Affinity(
        Caffeine.newBuilder()
            .maximumSize(settings.maxEntries())
            .expireAfterAccess(settings.idle())
            .ticker(ticker)
            .executor(Runnable::run) // eviction runs on the caller: no pool threads, exact in tests
            .build(),
        clock,
        settings.idle(),
        settings.maxEntries());
  }

  /**
   * Shares this memory with the other instances of {@code store} (see the class comment); Redis
   * keeps a note for the idle time and about as many notes as this memory holds. A memory that
   * remembers nothing shares nothing.
   *
   * @param byFingerprint this instance's credential of a fingerprint, or null when it has none (a
   *     note about it is then ignored)
   * @return this
   */
  public Affinity shareThrough(
      Vertx vertx, RedisStateStore store, Function<String, CredentialId> byFingerprint) {
    if (served == null || feed != null) {
      return this;
    }
    this.byFingerprint = Objects.requireNonNull(byFingerprint, "byFingerprint");
    this.feed = new SharedFeed(vertx, store, "affinity", maxEntries, idle, this::learn);
    return this;
  }

  /** What other instances published: remembered as if served here, not published again. */
  private void learn(List<SharedFeed.Entry> notes) {
    long now = clock.millis();
    for (SharedFeed.Entry note : notes) {
      CredentialId id = byFingerprint.apply(note.value());
      if (id != null) {
        served.put(note.key(), new Served(id, now));
      }
    }
  }

  /**
   * The credential that served {@code conversation}'s last turn, by its first key remembered, or
   * null.
   */
  public CredentialId preferred(Conversation conversation) {
    if (served == null) {
      return null;
    }
    for (String key : conversation.keys()) {
      Served s = served.getIfPresent(digest(key));
      if (s != null) {
        return s.id();
      }
    }
    return null;
  }

  /** {@code credential} served a turn of {@code conversation}: its next turn prefers it. */
  public void remember(Conversation conversation, CredentialId credential) {
    Objects.requireNonNull(credential, "credential");
    if (served == null) {
      return;
    }
    for (String key : conversation.keys()) {
      remember(digest(key), credential);
    }
    for (String key : conversation.answerKeys()) {
      remember(digest(key), credential);
    }
  }

  private void remember(String key, CredentialId credential) {
    SharedFeed shared = feed;
    if (shared == null) {
      served.put(key, new Served(credential, Long.MIN_VALUE));
      return;
    }
    long now = clock.millis();
    Served before = served.getIfPresent(key);
    boolean fresh = before != null
        && before.id().equals(credential)
        && before.sharedAt() != Long.MIN_VALUE
        && now - before.sharedAt() < idle.toMillis() / 2;
    if (fresh) {
      return; // the others know, and were told recently enough
    }
    served.put(key, new Served(credential, now));
    shared.publish(key, credential.fingerprint());
  }

  /**
   * The form a conversation key is kept and shared in: a digest, so that Redis never holds what a
   * caller made the key of.
   */
  private static String digest(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(("w2a-affinity:" + key).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Stops sharing (the local memory stays). */
  @Override
  public void close() {
    SharedFeed shared = feed;
    if (shared != null) {
      shared.close();
    }
  }

  /** How many conversation keys are remembered now (after pending evictions). */
  public long size() {
    if (served == null) {
      return 0;
    }
    served.cleanUp();
    return served.estimatedSize();
  }
}
