package dev.warp2api.usage;

import static dev.warp2api.usage.RecentRequestsTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficMinutesTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T03:10:30Z"));
  private final TrafficMinutes traffic = new TrafficMinutes(clock);

  @Test
  void namesBeyondTheBoundAreFoldedIntoOther() {
    for (int i = 0; i < TrafficMinutes.MAX_NAMES + 10; i++) {
      traffic.record(request(clock.instant(), "key-" + i, "model-" + i, 1));
    }
    TrafficMinutes.MinuteView now = traffic.minutes().get(TrafficMinutes.MINUTES - 1);
    assertThat(now.byModel()).hasSizeLessThanOrEqualTo(TrafficMinutes.MAX_NAMES + 1);
    assertThat(now.byModel().get(TrafficMinutes.OTHER).requests()).isGreaterThanOrEqualTo(10);
    long total =
        now.byKey().values().stream().mapToLong(TrafficMinutes.Counts::requests).sum();
    assertThat(total).isEqualTo(TrafficMinutes.MAX_NAMES + 10);
  }

  @Test
  void aRequestWithoutKeyCountsAsAnonymousAndOldRequestsAreDropped() {
    traffic.record(request(clock.instant(), null, "m", 7));
    traffic.record(request(clock.instant().minus(Duration.ofHours(2)), "old", "m", 7));
    List<TrafficMinutes.MinuteView> minutes = traffic.minutes();
    assertThat(minutes.get(59).minute()).isEqualTo(Instant.parse("2026-12-06T03:10:00Z"));
    assertThat(minutes.get(59).byKey()).containsOnlyKeys(TrafficMinutes.ANONYMOUS);
    assertThat(minutes.get(59).byKey().get(TrafficMinutes.ANONYMOUS).tokens()).isEqualTo(7);
    assertThat(minutes.stream().filter(m -> m.byKey().containsKey("old"))).isEmpty();
  }
}
