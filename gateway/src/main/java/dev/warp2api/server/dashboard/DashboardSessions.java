package dev.warp2api.server.dashboard;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's logins, held in memory only (a restart logs everyone out). Each lasts
 * {@link #LIFETIME} from its login, measured on the injected clock; at most {@link #MAX_SESSIONS}
 * live at once, the one ending soonest giving way to a new login. Thread-safe.
 */
public final class DashboardSessions {
  /** How long a login lasts, whatever is done with it. */
  public static final Duration LIFETIME = Duration.ofHours(8);

  /** Bounds the memory a flood of logins can take. */
  static final int MAX_SESSIONS = 256;

  private static final Base64.Encoder TOKENS = Base64.getUrlEncoder().withoutPadding();

  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final Clock clock;
  private final SecureRandom random;
  private final int maxSessions;

  public DashboardSessions(Clock clock) {
    this(clock, new SecureRandom(), MAX_SESSIONS);
  }

  DashboardSessions(Clock clock, SecureRandom random, int maxSessions) {
    this.clock = clock;
    this.random = random;
    this.maxSessions = maxSessions;
  }

  /** A new session with fresh random id and CSRF token, ending {@link #LIFETIME} from now. */
  public synchronized Session open() {
    Instant now = clock.instant();
    byId.values().removeIf(s -> !now.isBefore(s.expiresAt()));
    while (byId.size() >= maxSessions) {
      byId.values().stream()
          .min(Comparator.comparing(Session::expiresAt))
          .ifPresent(s -> byId.remove(s.id()));
    }
    Session session = new Session(token(), token(), now.plus(LIFETIME));
    byId.put(session.id(), session);
    return session;
  }

  /** The live session with this id; empty when unknown, ended or expired (then forgotten). */
  public Optional<Session> find(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    Session session = byId.get(id);
    if (session == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(session.expiresAt())) {
      byId.remove(id, session);
      return Optional.empty();
    }
    return Optional.of(session);
  }

  /** Ends the session (logout); nothing happens for an unknown id. */
  public void close(String id) {
    if (id != null) {
      byId.remove(id);
    }
  }

  /** How many sessions are held (expired ones included until next looked at). */
  public int size() {
    return byId.size();
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return TOKENS.encodeToString(bytes);
  }
}
