package dev.warp2api.usage;

import dev.warp2api.core.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Documents as files {@code <dir>/<name>.json}, written atomically with mode 0600
 * ({@link AtomicFile}) by one writer thread, in the order saved.
 */
public final class FileDocumentStore implements DocumentStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileDocumentStore.class);

  private final Path dir;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "w2a-usage-writer");
    t.setDaemon(true);
    return t;
  });

  public FileDocumentStore(Path dir) {
    this.dir = dir;
  }

  Path file(String name) {
    return dir.resolve(name + ".json");
  }

  @Override
  public Optional<String> load(String name) {
    try {
      return Optional.of(Files.readString(file(name), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.warn("event=usage.load_failed file={} error={}", file(name), e.toString());
      return Optional.empty();
    }
  }

  @Override
  public CompletionStage<Void> save(String name, String json) {
    try {
      return CompletableFuture.runAsync(
          () -> {
            try {
              AtomicFile.write(file(name), json.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
              LOG.warn("event=usage.save_failed file={} error={}", file(name), e.toString());
              throw new IllegalStateException("could not write " + file(name), e);
            }
          },
          writer);
    } catch (RuntimeException e) { // the writer is shut down
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
