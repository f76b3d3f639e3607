package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.MutableClock;
import dev.warp2api.testing.LogLines;
import dev.warp2api.warp.protocol.UpstreamDrift.Kind;
import dev.warp2api.warp.protocol.UpstreamDrift.Sighting;
import dev.warp2api.warp.protocol.UpstreamDrift.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamDriftTest {
  private final MutableClock clock = MutableClock.startingAtDefault();
  private final UpstreamDrift drift = new UpstreamDrift(clock);

  @Test
  void countsEachDistinctValueWithItsFirstAndLastSighting() {
    Instant first = clock.instant();
    drift.unknownField(Kind.EVENT, "ResponseEvent", 9);
    clock.advance(Duration.ofMinutes(5));
    drift.unknownField(Kind.EVENT, "ResponseEvent", 9);
    drift.deprecated(Kind.FRAMING, "SSE", "data: [DONE] (2025 framing)");

    List<Sighting> all = drift.snapshot();
    assertThat(all).hasSize(2);
    Sighting event = all.get(0);
    assertThat(event.status()).isEqualTo(Status.UNKNOWN);
    assertThat(event.value()).isEqualTo("field 9");
    assertThat(event.count()).isEqualTo(2);
    assertThat(event.firstSeen()).isEqualTo(first);
    assertThat(event.lastSeen()).isEqualTo(first.plus(Duration.ofMinutes(5)));
    assertThat(all.get(1).status()).isEqualTo(Status.DEPRECATED);
    assertThat(drift.total(Kind.EVENT, Status.UNKNOWN)).isEqualTo(2);
    assertThat(drift.total(Kind.FRAMING, Status.DEPRECATED)).isEqualTo(1);
    assertThat(drift.total(Kind.FRAMING, Status.UNKNOWN)).isZero();
  }

  @Test
  void logsEachDistinctValueOnceAtWarnWithWhereItAppeared() {
    try (LogLines logs = new LogLines()) {
      for (int i = 0; i < 5; i++) {
        drift.unknown(Kind.ERROR_CODE, "X-Warp-Error-Code (HTTP 429)", "NEW_CODE");
      }
      drift.unknown(Kind.ERROR_CODE, "X-Warp-Error-Code (HTTP 429)", "OTHER_CODE");
      List<String> lines =
          logs.lines().stream().filter(l -> l.contains("event=upstream.drift")).toList();
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0))
          .startsWith("WARN")
          .contains(
              "kind=error_code",
              "where=X-Warp-Error-Code (HTTP 429)",
              "value=NEW_CODE",
              "status=unknown");
    }
  }

  @Test
  void keepsABoundedNumberOfDistinctValuesAndCountsTheRestTogether() {
    for (int i = 0; i < UpstreamDrift.MAX_DISTINCT + 50; i++) {
      drift.unknownField(Kind.MESSAGE, "Message", 1000 + i);
    }
    List<Sighting> all = drift.snapshot();
    assertThat(all).hasSizeLessThanOrEqualTo(UpstreamDrift.MAX_DISTINCT + 1);
    assertThat(all).anySatisfy(s -> {
      assertThat(s.value()).isEqualTo("(more distinct values)");
      assertThat(s.count()).isEqualTo(50);
    });
    assertThat(drift.total(Kind.MESSAGE, Status.UNKNOWN))
        .isEqualTo(UpstreamDrift.MAX_DISTINCT + 50);
  }

  @Test
  void keepsOnlyASafeShortFormOfAValue() {
    drift.unknown(Kind.HEADER, "content-type (HTTP 200)", "text/html\"><script>" + "x".repeat(200));
    String value = drift.snapshot().get(0).value();
    assertThat(value)
        .doesNotContain("<", ">", "\"")
        .hasSizeLessThanOrEqualTo(UpstreamDrift.MAX_VALUE_CHARS + 1);
    assertThat(value).startsWith("text/html");
  }
}
