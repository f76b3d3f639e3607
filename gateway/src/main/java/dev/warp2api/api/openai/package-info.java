/**
 * The OpenAI Chat Completions dialect: request parsing into the core model and rendering of events
 * as chunks.
 */
package dev.warp2api.api.openai;
