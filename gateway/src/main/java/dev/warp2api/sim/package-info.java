/**
 * A faithful simulator of Warp's upstream service, for tests, demos and benchmarks.
 *
 * <p>Entry points: {@link dev.warp2api.sim.WarpSimulator} (start, script with
 * {@link dev.warp2api.sim.SimReply} and {@link dev.warp2api.sim.SimFault}, inspect
 * {@link dev.warp2api.sim.RecordedRequest}s), {@link dev.warp2api.sim.SimConfig} (accounts, quotas,
 * wire mode, clock) and {@link dev.warp2api.sim.MutableClock} (a clock tests advance instead of
 * sleeping).
 */
package dev.warp2api.sim;
