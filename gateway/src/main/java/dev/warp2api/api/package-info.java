/**
 * HTTP handlers shared by both client dialects: routing, client-key checks and the one place that
 * maps errors to statuses.
 */
package dev.warp2api.api;
