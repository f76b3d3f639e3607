package dev.warp2api.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.pool.Conversation;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The conversation a chat request belongs to, for soft credential affinity (docs/POOL.md
 * "Conversation affinity"): what the clients send stably across the turns of one conversation, in
 * every dialect. Most specific first:
 *
 * <ol>
 *   <li>{@code previous_response_id} (Responses): the response this turn continues;
 *   <li>the session headers {@code x-session-affinity} (opencode), {@code x-claude-code-session-id}
 *       (Claude Code), {@code session-id} (Codex CLI);
 *   <li>the body fields {@code prompt_cache_key} (Responses and Chat Completions; Codex sends its
 *       session id) and {@code metadata.user_id} (Messages; Claude Code's holds its session id).
 * </ol>
 *
 * A request with none of them names no conversation and is spread round-robin: the gateway does not
 * guess a conversation from the messages, since two clients sending the same first message are not
 * one conversation. Each key is a digest of the client key presented, the source and the value, so
 * two client keys never share a conversation and nothing a client sent is kept in the clear.
 */
public final class Conversations {
  /** The session headers, in the order they are looked up. */
  static final List<String> HEADERS =
      List.of("x-session-affinity", "x-claude-code-session-id", "session-id");

  /** Longer values are not conversation ids; they are ignored rather than hashed. */
  private static final int MAX_VALUE_CHARS = 1024;

  private Conversations() {}

  /**
   * The conversation of a request.
   *
   * @param body the request's JSON
   * @param answerId the id the next turn may continue this answer by ({@code previous_response_id}
   *     of a Responses turn), or null
   */
  public static Conversation of(HttpServerRequest request, JsonNode body, String answerId) {
    String client = ClientKeys.presented(request);
    String owner = client == null ? "" : client;
    List<String> keys = new ArrayList<>(4);
    add(keys, owner, "response", text(body.get("previous_response_id")));
    for (String header : HEADERS) {
      add(keys, owner, header, request.getHeader(header));
    }
    add(keys, owner, "prompt_cache_key", text(body.get("prompt_cache_key")));
    JsonNode metadata = body.get("metadata");
    add(keys, owner, "user_id", metadata == null ? null : text(metadata.get("user_id")));
    List<String> answerKeys = new ArrayList<>(1);
    add(answerKeys, owner, "response", answerId);
    return keys.isEmpty() && answerKeys.isEmpty()
        ? Conversation.NONE
        : new Conversation(keys, answerKeys);
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  private static void add(List<String> keys, String owner, String source, String value) {
    if (value == null || value.isBlank() || value.length() > MAX_VALUE_CHARS) {
      return;
    }
    keys.add(digest(owner, source, value.strip()));
  }

  private static String digest(String owner, String source, String value) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(owner.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(source.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
