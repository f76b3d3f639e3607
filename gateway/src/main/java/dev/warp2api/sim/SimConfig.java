package dev.warp2api.sim;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the simulator behaves. Immutable; build with {@link #defaults()} and the {@code with…}
 * methods, or read a JSON file with {@link #load(Path)}.
 *
 * @param accounts the known accounts; empty = "open mode": any non-empty refresh token is accepted
 *     as its own account with {@link #OPEN_MODE_LIMIT} credits
 * @param tokenLifetime lifetime of issued access tokens (JWT {@code exp - iat}); Firebase's is 3600
 *     s
 * @param legacy true = 2025-08 wire ({@code data: } framing, §4.2 sequence, legacy 429 body); false
 *     = 2026
 * @param creditsPerRequest credits one accepted AI request costs
 * @param models models offered by {@code GetFeatureModelChoices}
 * @param replyDeltas how many text deltas a default reply is split into
 * @param replyGap pause between two events of a default reply (zero = all at once)
 * @param clock the simulator's notion of now (JWT expiry, quota resets); tests pass a
 *     {@link MutableClock}
 */
public record SimConfig(
    List<SimAccountSpec> accounts,
    Duration tokenLifetime,
    boolean legacy,
    int creditsPerRequest,
    List<SimModel> models,
    int replyDeltas,
    Duration replyGap,
    Clock clock) {

  /** Credits an open-mode account gets: generous enough that demos and benchmarks never run out. */
  public static final long OPEN_MODE_LIMIT = 1_000_000;

  public SimConfig {
    accounts = List.copyOf(Objects.requireNonNull(accounts, "accounts"));
    Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    models = List.copyOf(Objects.requireNonNull(models, "models"));
    Objects.requireNonNull(replyGap, "replyGap");
    Objects.requireNonNull(clock, "clock");
    if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
      throw new IllegalArgumentException("token_lifetime must be > 0, got " + tokenLifetime);
    }
    if (creditsPerRequest < 0) {
      throw new IllegalArgumentException(
          "credits_per_request must be >= 0, got " + creditsPerRequest);
    }
    if (models.isEmpty()) {
      throw new IllegalArgumentException("models must not be empty");
    }
    if (replyDeltas < 1) {
      throw new IllegalArgumentException("reply_deltas must be >= 1, got " + replyDeltas);
    }
    if (replyGap.isNegative()) {
      throw new IllegalArgumentException("reply_gap must not be negative, got " + replyGap);
    }
    long distinct =
        accounts.stream().map(SimAccountSpec::refreshToken).distinct().count();
    if (distinct != accounts.size()) {
      throw new IllegalArgumentException("accounts: two accounts share one refresh_token");
    }
    long labels = accounts.stream().map(SimAccountSpec::label).distinct().count();
    if (labels != accounts.size()) {
      throw new IllegalArgumentException("accounts: two accounts share one label");
    }
  }

  /**
   * Open mode, modern wire, 1-hour tokens, 1 credit per request, 4 deltas, no gaps, system UTC
   * clock.
   */
  public static SimConfig defaults() {
    return new SimConfig(
        List.of(),
        Duration.ofHours(1),
        false,
        1,
        SimModel.defaults(),
        4,
        Duration.ZERO,
        Clock.systemUTC());
  }

  /**
   * {@code sim [--config FILE]}: the file's configuration, or {@link #defaults()} when there is
   * none.
   *
   * @throws dev.warp2api.core.GatewayException as {@link #load}
   */
  public static SimConfig loadOrDefaults(Path jsonOrNull) {
    return jsonOrNull == null ? defaults() : load(jsonOrNull);
  }

  /**
   * Reads a JSON config file. Every key is optional; unknown keys are errors. Durations are seconds
   * (a number) or ISO-8601 ({@code "PT1H"}); instants are RFC 3339. The clock is the system UTC
   * clock.
   *
   * <pre>{@code
   * { "accounts": [ { "refresh_token": "AMf-…", "label": "personal-1", "request_limit": 150, "used": 0,
   *                   "next_refresh_time": "2026-02-21T14:06:36Z",   // or "reset_after": 86400
   *                   "revoked": false } ],
   *   "token_lifetime": 3600, "legacy": false, "credits_per_request": 1,
   *   "models": [ { "id": "claude-4-5-sonnet", "display_name": "Claude Sonnet 4.5", "provider": "ANTHROPIC",
   *                 "vision_supported": true, "context_window": 200000 } ],
   *   "reply_deltas": 4, "reply_gap": 0.05 }
   * }</pre>
   *
   * <p>Account defaults: {@code request_limit} 150 (Warp's free tier), {@code used} 0, period end
   * 30 days after start. With no {@code accounts} the simulator runs in open mode.
   *
   * @throws dev.warp2api.core.GatewayException of kind {@code INVALID_REQUEST} naming the bad
   *     field, or when the file cannot be read
   */
  public static SimConfig load(Path json) {
    return SimConfigFile.read(json, Clock.systemUTC());
  }

  /** Whether any refresh token is accepted (no accounts configured). */
  public boolean openMode() {
    return accounts.isEmpty();
  }

  public SimConfig withAccounts(List<SimAccountSpec> newAccounts) {
    return new SimConfig(
        newAccounts,
        tokenLifetime,
        legacy,
        creditsPerRequest,
        models,
        replyDeltas,
        replyGap,
        clock);
  }

  public SimConfig withAccounts(SimAccountSpec... newAccounts) {
    return withAccounts(List.of(newAccounts));
  }

  public SimConfig withTokenLifetime(Duration lifetime) {
    return new SimConfig(
        accounts, lifetime, legacy, creditsPerRequest, models, replyDeltas, replyGap, clock);
  }

  public SimConfig withLegacy(boolean isLegacy) {
    return new SimConfig(
        accounts, tokenLifetime, isLegacy, creditsPerRequest, models, replyDeltas, replyGap, clock);
  }

  public SimConfig withCreditsPerRequest(int credits) {
    return new SimConfig(
        accounts, tokenLifetime, legacy, credits, models, replyDeltas, replyGap, clock);
  }

  public SimConfig withModels(List<SimModel> newModels) {
    return new SimConfig(
        accounts,
        tokenLifetime,
        legacy,
        creditsPerRequest,
        newModels,
        replyDeltas,
        replyGap,
        clock);
  }

  public SimConfig withReply(int deltas, Duration gap) {
    return new SimConfig(
        accounts, tokenLifetime, legacy, creditsPerRequest, models, deltas, gap, clock);
  }

  public SimConfig withClock(Clock newClock) {
    return new SimConfig(
        accounts,
        tokenLifetime,
        legacy,
        creditsPerRequest,
        models,
        replyDeltas,
        replyGap,
        newClock);
  }
}
