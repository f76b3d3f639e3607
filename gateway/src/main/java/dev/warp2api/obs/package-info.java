/**
 * Observability usable from every layer above core: structured logging (secrets never logged) and
 * what build is running. Depends on config and core only; the pipeline's meters are the pipeline's
 * own.
 */
package dev.warp2api.obs;
