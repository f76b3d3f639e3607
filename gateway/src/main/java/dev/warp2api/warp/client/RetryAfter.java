package dev.warp2api.warp.client;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one parser of the {@code Retry-After} header (RFC 9110 §10.2.3). Stateless and thread-safe.
 */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * Parses delay-seconds ({@code "30"}) or an HTTP-date ({@code "Wed, 21 Oct 2026 07:28:00 GMT"}).
   *
   * @param value the header value, may be null
   * @param clock the time an HTTP-date is measured from
   * @return the delay (zero when the date has passed), or null when absent or unparseable
   */
  public static Duration parse(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(v));
      } catch (NumberFormatException tooLarge) {
        return null;
      }
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration delay = Duration.between(clock.instant(), at.toInstant());
      return delay.isNegative() ? Duration.ZERO : delay;
    } catch (DateTimeParseException notADate) {
      return null;
    }
  }
}
