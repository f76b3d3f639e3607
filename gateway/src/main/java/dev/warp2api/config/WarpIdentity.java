package dev.warp2api.config;

/**
 * The identity headers sent upstream: {@code x-warp-client-version} ({@code WARP_CLIENT_VERSION})
 * and the {@code x-warp-os-*} headers ({@code WARP_OS_CATEGORY}, {@code WARP_OS_NAME},
 * {@code WARP_OS_VERSION}).
 */
public record WarpIdentity(
    String clientVersion, String osCategory, String osName, String osVersion) {}
