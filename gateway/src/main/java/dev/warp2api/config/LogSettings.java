package dev.warp2api.config;

import java.util.Objects;

/**
 * How the gateway logs.
 *
 * @param format {@code W2A_LOG_FORMAT}
 * @param verbose {@code W2A_VERBOSE}: debug logging (never secrets)
 */
public record LogSettings(Format format, boolean verbose) {
  /** Plain lines, or one JSON object per line. */
  public enum Format { TEXT, JSON }

  public LogSettings {
    Objects.requireNonNull(format, "format");
  }
}
