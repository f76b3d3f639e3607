/** The HTTP server: wiring of routes, settings and components into one running gateway. */
package dev.warp2api.server;
