package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileStateStore#saveDurably}: written at once, completed only once on disk, failed when it
 * cannot be.
 */
class DurableSaveTest {
  @TempDir
  Path dir;

  private final Clock clock = Clock.systemUTC();

  @Test
  void aDurableSaveIsOnDiskWhenItsFutureCompletesEvenRightAfterACoalescedSave() throws Exception {
    try (FileStateStore store = new FileStateStore(dir, clock)) {
      store.save(new PoolState(List.of(), List.of("aaaaaaaa")));
      store
          .saveDurably(new PoolState(List.of(), List.of("bbbbbbbb")))
          .toCompletableFuture()
          .get(5, TimeUnit.SECONDS);
      assertThat(Files.readString(store.file())).contains("bbbbbbbb");
      assertThat(store.load().removed()).containsExactly("bbbbbbbb");
    }
  }

  @Test
  void aDurableSaveDoesNotWaitForTheCoalescingInterval() throws Exception {
    try (FileStateStore store = new FileStateStore(dir, clock)) {
      store
          .saveDurably(new PoolState(List.of(), List.of("11111111")))
          .toCompletableFuture()
          .get(5, TimeUnit.SECONDS);
      long start = System.nanoTime();
      store
          .saveDurably(new PoolState(List.of(), List.of("22222222")))
          .toCompletableFuture()
          .get(5, TimeUnit.SECONDS);
      // Two fsyncs, not the 250 ms interval between coalesced writes.
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
          .isLessThan(FileStateStore.MIN_WRITE_INTERVAL_MS);
      assertThat(store.load().removed()).containsExactly("22222222");
    }
  }

  @Test
  void aDurableSaveThatCannotBeWrittenFailsInsteadOfCompleting() throws Exception {
    Path stateDir = dir.resolve("state");
    try (FileStateStore store = new FileStateStore(stateDir, clock)) {
      Files.delete(stateDir);
      Files.writeString(stateDir, "a file where the directory was");
      CompletableFuture<Void> saved = store.saveDurably(PoolState.empty()).toCompletableFuture();
      assertThatThrownBy(() -> saved.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
    }
  }
}
