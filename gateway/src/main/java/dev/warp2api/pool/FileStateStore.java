package dev.warp2api.pool;

import dev.warp2api.config.ConfigException;
import dev.warp2api.core.AtomicFile;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link StateStore}: {@code <dir>/state.json}, JSON, directory mode 0700, file mode
 * 0600.
 *
 * <p>Writes are atomic (temp file, fsync, rename, fsync of the directory) and happen on one
 * background thread; {@link #save} only swaps the pending state, so bursts of saves coalesce into
 * one write, and writes are at least {@link #MIN_WRITE_INTERVAL} apart (each costs two fsyncs;
 * under load the pool changes on every request). A crash loses at most that much of the latest
 * bookkeeping changes. {@link #saveDurably} writes at once instead and completes its future only
 * after the fsyncs, so an operator's change is on disk when it is acknowledged. A file that cannot
 * be read is logged as a warning naming the file (never its content), renamed to
 * {@code state.json.corrupt-<timestamp>}, and the pool starts fresh.
 */
public final class FileStateStore implements StateStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileStateStore.class);
  private static final String FILE = "state.json";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  private static final String OWN_DIRECTORY =
      "point W2A_STATE_DIR at a directory of its own (for example ./data; it is created 0700 when missing)";
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  private final Path dir;
  private final Path file;
  private final Clock clock;
  private final Sealer sealer;
  private final boolean posix =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  /**
   * The newest state not yet written, and who waits for it to be durable; guarded by {@code this}.
   */
  private PoolState pending;

  private List<CompletableFuture<Void>> waiters = new ArrayList<>();
  /** At most four writes a second: bounded disk work under any load, little to lose in a crash. */
  static final long MIN_WRITE_INTERVAL_MS = 250;

  private static final Duration MIN_WRITE_INTERVAL = Duration.ofMillis(MIN_WRITE_INTERVAL_MS);
  private volatile long lastWriteNanos = System.nanoTime() - MIN_WRITE_INTERVAL.toNanos();
  private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "w2a-pool-state-writer");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param dir {@code W2A_STATE_DIR}; created (0700) when missing. An existing directory keeps its
   *     mode unless it is plainly the gateway's own (empty, or holding only the state file and its
   *     leftovers): a directory of other files (say {@code .} or {@code /tmp}) is never chmod'ed.
   * @param clock for the corrupt-file timestamp
   * @throws ConfigException when the directory cannot be created or secured, is not a directory, or
   *     is an existing directory of other files whose mode is wider than 0700
   */
  public FileStateStore(Path dir, Clock clock) {
    this(dir, clock, null);
  }

  /**
   * A store whose secrets (refresh tokens added at run time, cached access tokens) are sealed with
   * {@code sealerOrNull} ({@code W2A_SECRET_KEY}); null keeps them in clear in the 0600 file.
   */
  public FileStateStore(Path dir, Clock clock, Sealer sealerOrNull) {
    this.sealer = sealerOrNull;
    this.dir = Objects.requireNonNull(dir, "dir");
    this.file = dir.resolve(FILE);
    this.clock = Objects.requireNonNull(clock, "clock");
    try {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new ConfigException(
            List.of("W2A_STATE_DIR: " + dir + " is not a directory; " + OWN_DIRECTORY));
      }
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, dirAttributes());
        secure(dir);
      } else if (posix && !Files.getPosixFilePermissions(dir).equals(OWNER_ONLY_DIR)) {
        if (!plainlyOurs(dir)) {
          throw new ConfigException(
              List.of("W2A_STATE_DIR: " + dir + " holds other files and is mode "
                  + PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))
                  + ", not 0700; its mode is left as is. " + capitalised(OWN_DIRECTORY)));
        }
        secure(dir);
      }
    } catch (IOException e) {
      throw new ConfigException(List.of("W2A_STATE_DIR: " + dir + " cannot be created or secured ("
          + e.getClass().getSimpleName() + "); " + OWN_DIRECTORY));
    }
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private void secure(Path directory) throws IOException {
    if (posix) {
      Files.setPosixFilePermissions(directory, OWNER_ONLY_DIR);
    }
  }

  /**
   * Empty, or holding only what the gateway writes there: {@code state.json}, its temp file and
   * set-aside copies, and the {@code responses} directory of the stored Responses API responses.
   */
  private static boolean plainlyOurs(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .map(p -> p.getFileName().toString())
          .allMatch(n -> n.equals(FILE)
              || n.equals("." + FILE + ".tmp")
              || n.equals(FILE + ".tmp") // an older build's temp file
              || n.startsWith(FILE + ".corrupt-")
              || n.equals("responses"));
    }
  }

  /** The state file ({@code <dir>/state.json}). */
  public Path file() {
    return file;
  }

  @Override
  public PoolState load() {
    byte[] bytes;
    narrowMode();
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return PoolState.empty();
    } catch (IOException e) {
      LOG.warn(
          "event=pool.state.unreadable file={} error={}", file, e.getClass().getSimpleName());
      return PoolState.empty();
    }
    try {
      return StateCodec.decode(bytes, sealer);
    } catch (ConfigException e) {
      throw e; // sealed under a key we do not have: a configuration error, the file is left as it
      // is
    } catch (Exception e) {
      setAside();
      return PoolState.empty();
    }
  }

  @Override
  public void save(PoolState state) {
    Objects.requireNonNull(state, "state");
    boolean first;
    synchronized (this) {
      first = pending == null;
      pending = state;
    }
    if (first) {
      long wait = MIN_WRITE_INTERVAL.toNanos() - (System.nanoTime() - lastWriteNanos);
      try {
        writer.schedule(this::writePending, Math.max(0, wait), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // A request still in flight at shutdown ends its lease after the store closed: its
        // bookkeeping (counters, last use) is the bounded loss of a shutdown, not a fault.
        LOG.debug("event=pool.state.save_after_close file={}", file);
      }
    }
  }

  /**
   * Writes at once on the writer thread (a newer state queued meanwhile is written instead, which
   * holds this one's change too); the future completes after the file and the directory are
   * fsync'd.
   */
  @Override
  public CompletionStage<Void> saveDurably(PoolState state) {
    Objects.requireNonNull(state, "state");
    CompletableFuture<Void> durable = new CompletableFuture<>();
    synchronized (this) {
      pending = state;
      waiters.add(durable);
    }
    try {
      writer.execute(this::writePending);
    } catch (RejectedExecutionException e) {
      durable.completeExceptionally(new IOException("the state store is closed"));
    }
    return durable;
  }

  @Override
  public void flush() {
    try {
      writer.submit(this::writePending).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn(
          "event=pool.state.flush_failed file={} error={}", file, e.getClass().getSimpleName());
    }
  }

  @Override
  public void close() {
    flush();
    writer.shutdown();
  }

  private void writePending() {
    PoolState state;
    List<CompletableFuture<Void>> waiting;
    synchronized (this) {
      state = pending;
      waiting = waiters;
      pending = null;
      waiters = new ArrayList<>();
    }
    if (state == null) {
      return;
    }
    lastWriteNanos = System.nanoTime();
    try {
      AtomicFile.write(file, StateCodec.encode(state, sealer));
      waiting.forEach(w -> w.complete(null));
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "event=pool.state.write_failed file={} error={}", file, e.getClass().getSimpleName());
      waiting.forEach(w -> w.completeExceptionally(e));
    }
  }

  /**
   * A state file left wider than 0600 (copied in, or by an older build) is narrowed before it is
   * read.
   */
  private void narrowMode() {
    try {
      if (posix
          && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY_FILE)) {
        Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
      }
    } catch (IOException e) {
      LOG.warn(
          "event=pool.state.mode_not_narrowed file={} error={}",
          file,
          e.getClass().getSimpleName());
    }
  }

  private void setAside() {
    Path aside = dir.resolve(FILE + ".corrupt-" + STAMP.format(clock.instant()));
    try {
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      if (posix) {
        Files.setPosixFilePermissions(aside, PosixFilePermissions.fromString("rw-------"));
      }
      LOG.warn("event=pool.state.corrupt file={} moved_to={} action=starting_fresh", file, aside);
    } catch (IOException e) {
      LOG.warn("event=pool.state.corrupt file={} moved_to=none action=starting_fresh", file);
    }
  }

  private FileAttribute<?>[] fileAttributes() {
    return posix
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  private FileAttribute<?>[] dirAttributes() {
    return posix
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
        }
        : new FileAttribute<?>[0];
  }
}
