/** The one retry and failover path every route that calls Warp goes through. */
package dev.warp2api.pipeline;
