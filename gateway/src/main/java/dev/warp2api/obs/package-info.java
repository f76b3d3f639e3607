/** Observability: structured logging, secret redaction and metrics. */
package dev.warp2api.obs;
