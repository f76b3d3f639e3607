package dev.warp2api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.pipeline.FinishedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecentRequestsTest {
  static FinishedRequest request(Instant time, String key, String model, long tokens) {
    return new FinishedRequest(
        time,
        key,
        model,
        "personal-1",
        "openai",
        null,
        false,
        tokens,
        0,
        0,
        false,
        0,
        Duration.ZERO,
        Duration.ofMillis(5));
  }

  @Test
  void keepsOnlyTheNewestUpToItsCapacityNewestFirst() {
    RecentRequests recent = new RecentRequests(3);
    Instant t = Instant.parse("2026-12-06T03:00:00Z");
    IntStream.range(0, 5).forEach(i -> recent.record(request(t.plusSeconds(i), "k", "m", i)));

    List<FinishedRequest> newest = recent.newest(10);
    assertThat(newest).extracting(FinishedRequest::inputTokens).containsExactly(4L, 3L, 2L);
    assertThat(recent.newest(1)).extracting(FinishedRequest::inputTokens).containsExactly(4L);
  }

  @Test
  void anEmptyListHasNothing() {
    assertThat(new RecentRequests(4).newest(10)).isEmpty();
  }
}
