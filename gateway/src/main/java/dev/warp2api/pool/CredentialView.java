package dev.warp2api.pool;

import dev.warp2api.config.Tier;
import java.time.Instant;

/**
 * What the admin API, the CLI and the dashboard see of one credential. Never holds a secret.
 *
 * @param name e.g. {@code personal-1}
 * @param tier its tier
 * @param fingerprint first 8 hex digits of the SHA-256 of its secret
 * @param state its state
 * @param quota the latest quota reading, or null when unknown
 * @param failures consecutive failures (auth rejections, overloads, transient failures) since the
 *     last success
 * @param cooldownUntil until when it rests (cooling or exhausted), or null
 * @param lastUsed when it was last leased, or null
 * @param requests leases granted since it was first seen
 * @param inFlight leases currently out
 */
public record CredentialView(
    String name,
    Tier tier,
    String fingerprint,
    CredentialState state,
    QuotaSnapshot quota,
    int failures,
    Instant cooldownUntil,
    Instant lastUsed,
    long requests,
    int inFlight) {}
