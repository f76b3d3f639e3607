package dev.warp2api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delayDoublesPerAttemptUpToTheCapWithJitterInTheUpperHalf() {
    Backoff low = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), () -> 0.0);
    Backoff high = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), () -> 0.999_999);
    assertThat(low.nextDelay(0)).isZero();
    assertThat(low.nextDelay(1)).isEqualTo(Duration.ofMillis(25));
    assertThat(high.nextDelay(1)).isEqualTo(Duration.ofMillis(49));
    assertThat(low.nextDelay(3)).isEqualTo(Duration.ofMillis(100));
    assertThat(low.nextDelay(30)).isEqualTo(Duration.ofMillis(1000));
    assertThat(high.nextDelay(30)).isLessThan(Duration.ofSeconds(2));
  }
}
