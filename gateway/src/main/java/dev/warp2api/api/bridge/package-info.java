/**
 * The original bridge's {@code /api/*} routes: JSON &lt;-&gt; protobuf tools and raw Warp calls, with the
 * shapes of warp-protocol.md §7.1 and its defects fixed.
 */
package dev.warp2api.api.bridge;
