/**
 * The original bridge's {@code /api/*} routes: JSON &lt;-&gt; protobuf tools and raw Warp calls,
 * with the original's shapes and its defects fixed (docs/API.md, 'Bridge routes').
 */
package dev.warp2api.api.bridge;
