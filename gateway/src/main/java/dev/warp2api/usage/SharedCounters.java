package dev.warp2api.usage;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * Counters every instance adds to (Redis hashes, {@link RedisCounters}): what {@link SharedUsage}
 * sends and reads back. Each instance numbers its batches; a batch is taken at most once, so one
 * sent again after its answer was lost is not counted twice.
 */
interface SharedCounters extends AutoCloseable {

  /** One hash field to add {@code delta} to; the hash expires {@code ttlSeconds} after the add. */
  record Increment(String hash, String field, long delta, long ttlSeconds) {}

  /**
   * A batch of increments, sent until it is taken.
   *
   * @param seq this instance's number for it, one more than the last batch taken (a batch with no
   *     increments only reads, and carries the last number taken)
   * @param fresh whether the shared store should hold no batch of this instance yet (it started, or
   *     the store was found empty); else a store without this instance's last number lost its
   *     content, and the batch is not taken ({@link Reply#emptied})
   */
  record Batch(long seq, boolean fresh, List<Increment> increments) {}

  /**
   * @param emptied the store lost this instance's batches (Redis restarted without its data): the
   *     batch was not taken, and everything must be sent again
   * @param reads each hash asked for, field to value
   */
  record Reply(boolean emptied, List<Map<String, Long>> reads) {}

  /** Takes {@code batch} unless it was taken before, then reads the hashes {@code reads}. */
  Future<Reply> apply(Batch batch, List<String> reads);

  /** Reads whole hashes (absent ones are empty). */
  Future<List<Map<String, Long>>> read(List<String> hashes);

  @Override
  void close();
}
