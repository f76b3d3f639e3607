package dev.warp2api.sim;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's accounts, by refresh token and by uid. In open mode (no configured accounts) an
 * unknown non-empty refresh token becomes a new account with {@link SimConfig#OPEN_MODE_LIMIT}
 * credits.
 *
 * <p>Thread-safe: lookups and creation go through concurrent maps.
 */
final class Accounts {
  private final Map<String, Account> byToken = new ConcurrentHashMap<>();
  private final Map<String, Account> byUserId = new ConcurrentHashMap<>();
  private final boolean open;
  private final Clock clock;

  Accounts(SimConfig config) {
    this.open = config.openMode();
    this.clock = config.clock();
    for (SimAccountSpec spec : config.accounts()) {
      add(new Account(spec, clock.instant()));
    }
  }

  private Account add(Account a) {
    Account prior = byToken.putIfAbsent(a.refreshToken, a);
    if (prior != null) {
      return prior;
    }
    byUserId.put(a.userId, a);
    return a;
  }

  /** The account of a refresh token; in open mode a new one is created. */
  Optional<Account> forRefreshToken(String refreshToken) {
    if (refreshToken == null || refreshToken.isEmpty()) {
      return Optional.empty();
    }
    Account a = byToken.get(refreshToken);
    if (a == null && open) {
      a = add(new Account(
          new SimAccountSpec(refreshToken, null, SimConfig.OPEN_MODE_LIMIT, 0, null, null, false),
          clock.instant()));
    }
    return Optional.ofNullable(a);
  }

  Optional<Account> forUserId(String userId) {
    return Optional.ofNullable(userId == null ? null : byUserId.get(userId));
  }

  /**
   * Resolves what a test names an account by: its label or its refresh token. In open mode an
   * unknown name is taken as a refresh token and its account is created.
   *
   * @throws IllegalArgumentException when nothing matches (message names no secret)
   */
  Account resolve(String labelOrToken) {
    for (Account a : byToken.values()) {
      if (a.label.equals(labelOrToken)) {
        return a;
      }
    }
    return forRefreshToken(labelOrToken)
        .orElseThrow(() ->
            new IllegalArgumentException("no simulated account with that label or refresh token"));
  }
}
