package dev.warp2api.pipeline;

import dev.warp2api.pool.CredentialId;
import dev.warp2api.pool.QuotaSnapshot;
import dev.warp2api.warp.client.UpstreamFailureException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an account's own quota ({@code GetRequestLimitInfo}) in the background and hands the
 * snapshot to the pool. At most one read per credential is in flight; how often reads happen is the
 * pool's decision ({@code quotaReadDue}, {@code W2A_QUOTA_POLL_INTERVAL}) except after a quota
 * failure, when the reset time is needed at once. Thread-safe; never blocks.
 */
public final class QuotaReader {
  private static final Logger LOG = LoggerFactory.getLogger(QuotaReader.class);

  private final Function<CredentialId, Future<QuotaSnapshot>> read;
  private final BiConsumer<CredentialId, QuotaSnapshot> sink;
  private final Map<CredentialId, Future<QuotaSnapshot>> inFlight = new ConcurrentHashMap<>();

  /**
   * @param read reads one credential's quota (refreshing its access token as needed)
   * @param sink receives each snapshot (the pool's {@code updateQuota})
   */
  public QuotaReader(
      Function<CredentialId, Future<QuotaSnapshot>> read,
      BiConsumer<CredentialId, QuotaSnapshot> sink) {
    this.read = read;
    this.sink = sink;
  }

  /** A reader that never reads (tests that do not care about quota). */
  public static QuotaReader none() {
    return new QuotaReader(id -> Future.failedFuture("quota reads disabled"), (id, q) -> {});
  }

  /** Starts a read unless one is already running for this credential. */
  public void readSoon(CredentialId id) {
    read(id);
  }

  /** Reads now, or joins the read already in flight for this credential. */
  public Future<QuotaSnapshot> read(CredentialId id) {
    Promise<QuotaSnapshot> mine = Promise.promise();
    Future<QuotaSnapshot> running = inFlight.putIfAbsent(id, mine.future());
    if (running != null) {
      return running;
    }
    Future<QuotaSnapshot> f;
    try {
      f = read.apply(id);
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> {
      inFlight.remove(id, mine.future());
      if (ar.succeeded() && ar.result() != null) {
        sink.accept(id, ar.result());
      } else if (ar.failed()) {
        LOG.info("event=quota.read_failed credential={} reason={}", id.name(), safe(ar.cause()));
      }
      mine.handle(ar);
    });
    return mine.future();
  }

  private static String safe(Throwable t) {
    if (t instanceof UpstreamFailureException u) {
      return u.failure().safeDescription();
    }
    return t.getClass().getSimpleName();
  }
}
