package dev.warp2api.warp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.testing.Await;
import dev.warp2api.warp.protocol.UpstreamDrift;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * W2A_CAPTURE_DIR stays bounded and adds nothing to what it records: the newest captures are kept,
 * each failure is written once, drift is counted by the pipeline alone.
 */
class ExchangeCaptureBoundsTest {
  private final Vertx vertx = Vertx.vertx();
  private final Path dir = temp().resolve("captures");
  /** Every capture in the same millisecond: only the sequence in the name orders them. */
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T03:00:00Z"), ZoneOffset.UTC);

  @AfterEach
  void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void theDirectoryKeepsOnlyTheNewestCapturesWhenMoreFailuresArrive() {
    ExchangeCapture capture = ExchangeCapture.to(vertx, dir, clock);
    int total = ExchangeCapture.MAX_FILES + 7;
    for (int i = 0; i < total; i++) {
      fail(capture);
    }

    // Writes and prunes run concurrently off the event loop: wait for the settled directory.
    Set<String> newest = new HashSet<>();
    for (int seq = total - ExchangeCapture.MAX_FILES + 1; seq <= total; seq++) {
      newest.add(name(seq));
    }
    Await.until(
        "the captures pruned to the newest " + ExchangeCapture.MAX_FILES,
        Duration.ofSeconds(10),
        () -> new HashSet<>(names()).equals(newest));
  }

  @Test
  void aFailureReportedTwiceForOneExchangeIsWrittenOnce() {
    ExchangeCapture capture = ExchangeCapture.to(vertx, dir, clock);
    ExchangeCapture.Recording recording = capture.start(Buffer.buffer(new byte[] {0x0a, 0x00}));
    UpstreamFailure failure = new UpstreamFailure.Transient("connection refused", false);
    recording.failed(failure, 0, null);
    recording.failed(failure, 502, MultiMap.caseInsensitiveMultiMap());
    fail(capture); // a second exchange, written after the first

    Await.until(
        "the second exchange's capture", Duration.ofSeconds(10), () -> names().contains(name(2)));
    assertThat(names()).containsExactlyInAnyOrder(name(1), name(2));
  }

  @Test
  void readingACapturedStreamAgainDoesNotCountItsDriftTwice() {
    ExchangeCapture capture = ExchangeCapture.to(vertx, dir, clock);
    ExchangeCapture.Recording recording = capture.start(Buffer.buffer(new byte[0]));
    byte[] init = ResponseEvent.newBuilder()
        .setInit(ResponseEvent.StreamInit.newBuilder().setConversationId("c-1"))
        .build()
        .toByteArray();
    UpstreamDrift drift = UpstreamDrift.global();
    long before = drift.total(UpstreamDrift.Kind.FRAMING, UpstreamDrift.Status.DEPRECATED);

    recording.answered(MultiMap.caseInsensitiveMultiMap());
    // a 2025-era hex payload, then the stream stops without a finished event: a failing exchange
    recording.chunk(Buffer.buffer("data: " + HexFormat.of().formatHex(init) + "\n\n"));
    recording.end(null);

    Await.until("the capture", Duration.ofSeconds(10), () -> names().contains(name(1)));
    assertThat(drift.total(UpstreamDrift.Kind.FRAMING, UpstreamDrift.Status.DEPRECATED))
        .as("the pipeline's decoder counted this stream; the capture's reading must not")
        .isEqualTo(before);
  }

  private void fail(ExchangeCapture capture) {
    capture
        .start(Buffer.buffer(new byte[0]))
        .failed(
            new UpstreamFailure.Transient("refused", false),
            500,
            MultiMap.caseInsensitiveMultiMap());
  }

  private String name(int sequence) {
    return "exchange-" + clock.millis() + "-" + sequence + ".json";
  }

  private List<String> names() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("exchange-"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path temp() {
    try {
      return Files.createTempDirectory("w2a-capture-bounds");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
