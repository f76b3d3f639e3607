/** The command line: serve, pool, sim and demo. */
package dev.warp2api.cli;
