/**
 * The credential pool: tiers, round-robin, states, cooldowns, quota snapshots and their
 * persistence.
 */
package dev.warp2api.pool;
