/** A faithful simulator of Warp's upstream service, for tests, demos and benchmarks. */
package dev.warp2api.sim;
