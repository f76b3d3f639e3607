/**
 * The Anthropic Messages dialect: request parsing into the core model and rendering of events as
 * SSE events.
 */
package dev.warp2api.api.anthropic;
