/**
 * The HTTP transport to Warp: the AI call, token refresh, GraphQL queries and the one
 * classification of upstream failures.
 */
package dev.warp2api.warp.client;
