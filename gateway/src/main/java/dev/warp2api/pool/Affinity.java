package dev.warp2api.pool;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.warp2api.config.AffinitySettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Which credential served each conversation's last turn: the hint {@link CredentialPool#acquire}
 * prefers when it may (see docs/POOL.md "Conversation affinity"). Only a memory: whether the hint
 * is followed is the pool's decision, made under its lock.
 *
 * <p>Bounded: at most {@link AffinitySettings#maxEntries()} conversations (the least useful go
 * first), each forgotten after {@link AffinitySettings#idle()} without a turn, measured on the
 * injected clock. With {@code maxEntries} 0 nothing is remembered. Thread-safe.
 */
public final class Affinity {
  private static final Affinity NONE = new Affinity(null);

  /** Conversation key -> the credential that served its last turn. */
  private final Cache<String, CredentialId> served;

  private Affinity(Cache<String, CredentialId> served) {
    this.served = served;
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
    return new Affinity(Caffeine.newBuilder()
        .maximumSize(settings.maxEntries())
        .expireAfterAccess(settings.idle())
        .ticker(ticker)
        .executor(Runnable::run) // eviction runs on the caller: no pool threads, exact in tests
        .build());
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
      CredentialId id = served.getIfPresent(key);
      if (id != null) {
        return id;
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
      served.put(key, credential);
    }
    for (String key : conversation.answerKeys()) {
      served.put(key, credential);
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
