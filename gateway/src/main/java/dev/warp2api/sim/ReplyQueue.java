package dev.warp2api.sim;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Scripted replies: one FIFO for any account and one per account. A request takes from its
 * account's queue first, then from the shared one; with both empty it gets the default reply.
 *
 * <p>Thread-safe (concurrent queues); tests enqueue from their thread, the event loop polls.
 */
final class ReplyQueue {
  private final Queue<SimReply> shared = new ConcurrentLinkedQueue<>();
  private final Map<String, Queue<SimReply>> byAccount = new ConcurrentHashMap<>();

  void enqueue(SimReply reply) {
    shared.add(reply);
  }

  void enqueueFor(Account account, SimReply reply) {
    byAccount
        .computeIfAbsent(account.refreshToken, k -> new ConcurrentLinkedQueue<>())
        .add(reply);
  }

  SimReply next(Account account) {
    Queue<SimReply> own = byAccount.get(account.refreshToken);
    SimReply r = own == null ? null : own.poll();
    if (r == null) {
      r = shared.poll();
    }
    return r == null ? SimReply.defaultReply() : r;
  }
}
