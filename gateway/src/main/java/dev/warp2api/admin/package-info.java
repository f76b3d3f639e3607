/**
 * The operator's side of the pool: its upkeep outside client requests
 * ({@link dev.warp2api.admin.PoolMaintenance}: token refreshes, quota reads, check, recover) and
 * the admin operations ({@link dev.warp2api.admin.PoolAdmin}). Used by the server's admin routes
 * and by the offline {@code pool} commands; depends on pipeline, pool and warp.client, never on api
 * or server.
 */
package dev.warp2api.admin;
