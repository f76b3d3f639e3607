package dev.warp2api.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the gateway logs, and what it records for diagnosis.
 *
 * @param format {@code W2A_LOG_FORMAT}
 * @param verbose {@code W2A_VERBOSE}: debug logging (never secrets)
 * @param captureDir {@code W2A_CAPTURE_DIR}, resolved against the working directory: where redacted
 *     captures of failing upstream exchanges go; null = off
 */
public record LogSettings(Format format, boolean verbose, Path captureDir) {
  /** Plain lines, or one JSON object per line. */
  public enum Format {
    TEXT,
    JSON
  }

  public LogSettings {
    Objects.requireNonNull(format, "format");
  }

  /** No captures. */
  public LogSettings(Format format, boolean verbose) {
    this(format, verbose, null);
  }
}
