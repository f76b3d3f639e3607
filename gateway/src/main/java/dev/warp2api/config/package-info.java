/** Settings read once at start from the environment and .env, validated. */
package dev.warp2api.config;
