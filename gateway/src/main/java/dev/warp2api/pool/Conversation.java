package dev.warp2api.pool;

import java.util.List;

/**
 * What ties a request to the earlier turns of its conversation, for soft credential affinity
 * ({@link Affinity}). Keys are opaque strings made by the caller (the API layer hashes what the
 * client sent together with its key, so a key holds nothing a client sent in the clear).
 *
 * @param keys the conversation's keys this request carries, most specific first: the credential
 *     remembered for the first one known is preferred, and the one that serves this turn is
 *     remembered under all of them
 * @param answerKeys keys only the answer starts (the id a Responses client names in its next
 *     {@code previous_response_id}): remembered after this turn, never looked up for it
 */
public record Conversation(List<String> keys, List<String> answerKeys) {
  /** A request that names no conversation: spread round-robin, nothing remembered. */
  public static final Conversation NONE = new Conversation(List.of(), List.of());

  public Conversation {
    keys = List.copyOf(keys);
    answerKeys = List.copyOf(answerKeys);
  }

  /** Whether the request names a conversation at all. */
  public boolean isEmpty() {
    return keys.isEmpty() && answerKeys.isEmpty();
  }
}
