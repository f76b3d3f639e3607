package dev.warp2api.api.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.config.ResponseStoreLimits;
import dev.warp2api.sim.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stored responses' bounds, ownership and files, with a fake clock. */
class ResponseStoreTest {
  private final MutableClock clock = MutableClock.startingAtDefault();

  @TempDir
  Path dir;

  private StoredResponse response(String id, String owner, int padding) {
    String json = "{\"id\":\"" + id + "\",\"owner\":\"" + owner + "\",\"stored_at\":"
        + clock.millis() + ",\"history\":[],\"input\":[],\"response\":{\"id\":\"" + id
        + "\",\"pad\":\"" + "x".repeat(padding) + "\"}}";
    return new StoredResponse(id, owner, clock.millis(), json.getBytes(StandardCharsets.UTF_8));
  }

  private ResponseStore store(ResponseStoreLimits limits) {
    return new ResponseStore(dir.resolve("responses"), limits, clock).load();
  }

  @Test
  void theOldestGoFirstWhenTheEntryOrByteBoundIsReached() {
    try (ResponseStore byCount =
        new ResponseStore(null, new ResponseStoreLimits(2, 1 << 20, Duration.ofDays(1)), clock)) {
      byCount.put(response("resp_a", "o", 10));
      byCount.put(response("resp_b", "o", 10));
      byCount.put(response("resp_c", "o", 10));
      assertThat(byCount.find("o", "resp_a")).isEmpty();
      assertThat(byCount.find("o", "resp_b")).isPresent();
      assertThat(byCount.size()).isEqualTo(2);
    }
    int one = response("resp_a", "o", 1000).bytes();
    try (ResponseStore byBytes = new ResponseStore(
        null, new ResponseStoreLimits(100, 2L * one + 10, Duration.ofDays(1)), clock)) {
      byBytes.put(response("resp_a", "o", 1000));
      byBytes.put(response("resp_b", "o", 1000));
      byBytes.put(response("resp_c", "o", 1000));
      assertThat(byBytes.find("o", "resp_a")).isEmpty();
      assertThat(byBytes.bytes()).isLessThanOrEqualTo(2L * one + 10);
      byBytes.put(response("resp_huge", "o", 10_000));
      assertThat(byBytes.find("o", "resp_huge"))
          .as("larger than the whole store")
          .isEmpty();
    }
  }

  @Test
  void aResponseExpiresAfterItsTimeToLive() {
    try (ResponseStore store =
        new ResponseStore(null, new ResponseStoreLimits(10, 1 << 20, Duration.ofHours(1)), clock)) {
      store.put(response("resp_a", "o", 1));
      clock.advance(Duration.ofMinutes(59));
      assertThat(store.find("o", "resp_a")).isPresent();
      clock.advance(Duration.ofMinutes(1));
      assertThat(store.find("o", "resp_a")).isEmpty();
      assertThat(store.size()).isZero();
    }
  }

  @Test
  void onlyTheOwnerFindsOrDeletesAResponse() {
    try (ResponseStore store = new ResponseStore(null, ResponseStoreLimits.DEFAULTS, clock)) {
      store.put(response("resp_a", "key-1", 1));
      assertThat(store.find("key-2", "resp_a")).isEmpty();
      assertThat(store.delete("key-2", "resp_a")).isFalse();
      assertThat(store.delete("key-1", "resp_a")).isTrue();
      assertThat(store.find("key-1", "resp_a")).isEmpty();
    }
  }

  @Test
  void responsesAreOwnerOnlyFilesReadBackByTheNextStoreAndRemovedWithTheirResponse()
      throws Exception {
    try (ResponseStore first = store(ResponseStoreLimits.DEFAULTS)) {
      first.put(response("resp_a", "o", 5));
      first.put(response("resp_b", "o", 5));
      first.delete("o", "resp_b");
    }
    Path files = dir.resolve("responses");
    assertThat(Files.exists(files.resolve("resp_a.json"))).isTrue();
    assertThat(Files.exists(files.resolve("resp_b.json"))).isFalse();
    assertThat(PosixFilePermissions.toString(
            Files.getPosixFilePermissions(files.resolve("resp_a.json"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files)))
        .isEqualTo("rwx------");
    try (var leftovers = Files.list(files)) {
      assertThat(leftovers)
          .allSatisfy(p -> assertThat(p.getFileName().toString()).endsWith(".json"));
    }

    try (ResponseStore second = store(ResponseStoreLimits.DEFAULTS)) {
      assertThat(second.find("o", "resp_a"))
          .hasValueSatisfying(r -> assertThat(r.response().get("id").asText()).isEqualTo("resp_a"));
    }
    clock.advance(Duration.ofDays(31));
    try (ResponseStore later = store(ResponseStoreLimits.DEFAULTS)) {
      assertThat(later.size()).as("expired while the gateway was down").isZero();
    }
  }
}
