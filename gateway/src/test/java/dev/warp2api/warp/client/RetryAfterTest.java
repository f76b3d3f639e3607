package dev.warp2api.warp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-10-21T07:28:00Z"), ZoneOffset.UTC);

  @Test
  void parsesDelaySeconds() {
    assertThat(RetryAfter.parse(" 120 ", CLOCK)).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void parsesHttpDateRelativeToTheClock() {
    assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:28:45 GMT", CLOCK))
        .isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void pastHttpDateMeansNoWait() {
    assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:00:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
  }

  @Test
  void absentOrGarbageIsNull() {
    assertThat(RetryAfter.parse(null, CLOCK)).isNull();
    assertThat(RetryAfter.parse("", CLOCK)).isNull();
    assertThat(RetryAfter.parse("soon", CLOCK)).isNull();
    assertThat(RetryAfter.parse("-5", CLOCK)).isNull();
    assertThat(RetryAfter.parse("99999999999999999999999", CLOCK)).isNull();
  }
}
