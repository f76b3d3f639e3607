/**
 * JMH benchmarks of the gateway's per-request and per-event hot path. Compiled by {@code ./mvnw
 * verify}, never run by it; run them by hand as each class's javadoc says (see
 * {@code docs/PERFORMANCE.md}).
 */
package dev.warp2api.bench;
