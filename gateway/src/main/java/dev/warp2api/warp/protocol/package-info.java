/**
 * Warp's protobuf protocol as pure functions: building a Request from a chat, decoding the event
 * stream into core events.
 */
package dev.warp2api.warp.protocol;
