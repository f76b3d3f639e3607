package dev.warp2api.api.responses;

import dev.warp2api.config.ResponseStoreLimits;
import dev.warp2api.core.AtomicFile;
import dev.warp2api.pool.RedisStateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored responses ({@code store: true}): bounded in entries ({@code W2A_RESPONSE_STORE_MAX}),
 * in bytes of their JSON ({@code W2A_RESPONSE_STORE_MAX_BYTES}) and in age
 * ({@code W2A_RESPONSE_STORE_TTL}); the oldest go first when a bound is reached. Each is also a
 * file {@code <state dir>/responses/<id>.json} (directory 0700, made with the first one; file 0600,
 * written atomically on a background thread), read back at start, so stored responses survive a
 * restart. A response belongs to the owner that stored it: {@link #find} and {@link #delete} see
 * only the caller's own. Thread-safe.
 *
 * <p>Shared ({@link #shareThrough}, with {@code W2A_REDIS_URL}): each response stored here is also
 * written to Redis ({@link SharedResponses}), a response this instance does not know is looked up
 * there ({@link #lookup}), and a deletion anywhere drops every instance's copy. The local store
 * stays what requests read first and what serves while Redis is away.
 */
public final class ResponseStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseStore.class);
  private static final Pattern FILE_ID = Pattern.compile("[A-Za-z0-9_]{1,100}");

  private final Path dir;
  private final ResponseStoreLimits limits;
  private final Clock clock;
  private final LinkedHashMap<String, StoredResponse> entries = new LinkedHashMap<>();
  private long bytes;
  private final ExecutorService writer;
  private volatile SharedResponses shared;

  /**
   * @param dir where the files go ({@code <state dir>/responses}), created 0700 when missing; null
   *     keeps responses in memory only
   */
  public ResponseStore(Path dir, ResponseStoreLimits limits, Clock clock) {
    this.dir = dir;
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.writer = dir == null
        ? null
        : Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "w2a-response-store");
          t.setDaemon(true);
          return t;
        });
  }

  /** Reads the files of an earlier run (blocking: call at start-up), dropping the expired ones. */
  public ResponseStore load() {
    if (dir == null) {
      return this;
    }
    if (!Files.isDirectory(dir)) {
      return this; // created with the first stored response
    }
    List<StoredResponse> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".json")) {
          continue;
        }
        try {
          found.add(StoredResponse.parse(Files.readAllBytes(file)));
        } catch (IOException | RuntimeException e) {
          LOG.warn(
              "event=responses.file_unreadable file={} error={}",
              file.getFileName(),
              e.getClass().getSimpleName());
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      LOG.warn(
          "event=responses.store_unreadable dir={} error={}", dir, e.getClass().getSimpleName());
    }
    found.sort(Comparator.comparingLong(StoredResponse::storedAt));
    synchronized (this) {
      for (StoredResponse r : found) {
        entries.put(r.id(), r);
        bytes += r.bytes();
      }
      trim();
    }
    LOG.info("event=responses.store_loaded responses={} bytes={}", entries.size(), bytes);
    return this;
  }

  /**
   * Keeps {@code response} (replacing one of the same id), then drops the oldest beyond the bounds.
   */
  public void put(StoredResponse response) {
    if (!keep(response)) {
      return;
    }
    SharedResponses redis = shared;
    if (redis != null) {
      redis.put(response, clock.millis());
    }
  }

  /** Keeps {@code response} here and in its file; false when it is larger than the whole store. */
  private boolean keep(StoredResponse response) {
    synchronized (this) {
      StoredResponse old = entries.remove(response.id());
      if (old != null) {
        bytes -= old.bytes();
      }
      entries.put(response.id(), response);
      bytes += response.bytes();
      trim();
      if (!entries.containsKey(response.id())) {
        return false;
      }
    }
    persist(response);
    return true;
  }

  /**
   * Shares the stored responses with the other instances of {@code store} (see the class comment).
   *
   * @return this
   */
  public ResponseStore shareThrough(Vertx vertx, RedisStateStore store) {
    if (shared == null) {
      shared = new SharedResponses(vertx, store, limits, this::deletedElsewhere);
    }
    return this;
  }

  /**
   * The owner's response of this id as {@link #find} sees it, else (when shared) as Redis has it: a
   * response another instance stored is kept here too from then on. Redis not answering within
   * {@code wait} counts as not found. Completes at once when the response is known here or nothing
   * is shared.
   */
  Future<Optional<StoredResponse>> lookup(String owner, String id, Duration wait) {
    Optional<StoredResponse> local = find(owner, id);
    SharedResponses redis = shared;
    if (local.isPresent() || redis == null) {
      return Future.succeededFuture(local);
    }
    return redis.get(id, wait).otherwise(Optional.empty()).map(found -> {
      if (found.isEmpty() || !found.get().owner().equals(owner) || expired(found.get())) {
        return Optional.empty();
      }
      keep(found.get()); // known here from now on, not written to Redis again
      return found;
    });
  }

  /**
   * Removes the owner's response of this id here and, when shared, everywhere; false when there is
   * none to remove. Completes once Redis removed it (or did not answer in time: it is removed here
   * all the same).
   */
  Future<Boolean> deleteEverywhere(String owner, String id) {
    SharedResponses redis = shared;
    if (redis == null) {
      return Future.succeededFuture(delete(owner, id));
    }
    return lookup(owner, id, RedisStateStore.CALL_TIMEOUT).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(false);
      }
      delete(owner, id);
      return redis.delete(id).transform(ar -> Future.succeededFuture(true));
    });
  }

  /** Another instance deleted {@code id}: this copy goes too. */
  private void deletedElsewhere(String id) {
    synchronized (this) {
      drop(id);
    }
  }

  /** The owner's response of this id, unless it is unknown, expired, or another owner's. */
  public Optional<StoredResponse> find(String owner, String id) {
    synchronized (this) {
      StoredResponse r = entries.get(id);
      if (r == null || !r.owner().equals(owner)) {
        return Optional.empty();
      }
      if (expired(r)) {
        drop(id);
        return Optional.empty();
      }
      return Optional.of(r);
    }
  }

  /** Removes the owner's response of this id; false when there is none to remove. */
  public boolean delete(String owner, String id) {
    synchronized (this) {
      if (find(owner, id).isEmpty()) {
        return false;
      }
      drop(id);
      return true;
    }
  }

  /** Whether the responses are shared through Redis. */
  boolean shared() {
    return shared != null;
  }

  /** How many responses are kept. */
  public synchronized int size() {
    return entries.size();
  }

  /** Bytes of JSON kept. */
  public synchronized long bytes() {
    return bytes;
  }

  private boolean expired(StoredResponse r) {
    return clock.millis() - r.storedAt() >= limits.ttl().toMillis();
  }

  private void trim() {
    Iterator<StoredResponse> oldestFirst = entries.values().iterator();
    while (oldestFirst.hasNext()) {
      StoredResponse r = oldestFirst.next();
      if (entries.size() <= limits.maxEntries() && bytes <= limits.maxBytes() && !expired(r)) {
        break;
      }
      oldestFirst.remove();
      bytes -= r.bytes();
      unpersist(r.id());
    }
  }

  private void drop(String id) {
    StoredResponse r = entries.remove(id);
    if (r != null) {
      bytes -= r.bytes();
      unpersist(id);
    }
  }

  private void persist(StoredResponse r) {
    if (writer == null || !FILE_ID.matcher(r.id()).matches()) {
      return;
    }
    submit(() -> {
      ensureDirectory();
      Path file = dir.resolve(r.id() + ".json");
      AtomicFile.write(file, r.json());
      synchronized (this) {
        if (!entries.containsKey(r.id())) {
          Files.deleteIfExists(file); // dropped while it was being written
        }
      }
    });
  }

  /** The directory, 0700, made when missing (only the writer thread calls this). */
  private void ensureDirectory() throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (posix()) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } else {
      Files.createDirectories(dir);
    }
  }

  private void unpersist(String id) {
    if (writer == null || !FILE_ID.matcher(id).matches()) {
      return;
    }
    submit(() -> {
      if (Files.isDirectory(dir)) {
        Files.deleteIfExists(dir.resolve(id + ".json"));
      }
    });
  }

  private interface FileTask {
    void run() throws IOException;
  }

  private void submit(FileTask task) {
    try {
      writer.execute(() -> {
        try {
          task.run();
        } catch (IOException | RuntimeException e) {
          LOG.warn(
              "event=responses.write_failed dir={} error={}", dir, e.getClass().getSimpleName());
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("event=responses.write_after_close");
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** Waits for the pending file writes (at most a few seconds) and stops the writer. */
  @Override
  public void close() {
    SharedResponses redis = shared;
    if (redis != null) {
      redis.close();
    }
    if (writer == null) {
      return;
    }
    writer.shutdown();
    try {
      writer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
