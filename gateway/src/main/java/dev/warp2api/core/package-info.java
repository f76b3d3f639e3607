/**
 * The dialect-neutral chat model: what a client asked for and what Warp answered, in our own terms.
 */
package dev.warp2api.core;
