/**
 * What clients use and may use: the recent requests, per-minute traffic, named client keys with
 * their limits, and the usage ledger. Fed by the pipeline's {@code FinishedRequest}s; read by the
 * admin routes and the dashboard. Sits between {@code api} (which checks keys) and
 * {@code pipeline}; nothing here holds a request's contents or a key's secret.
 */
package dev.warp2api.usage;
