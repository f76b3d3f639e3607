package dev.warp2api.api;

import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * A set of keys a caller may present as {@code Authorization: Bearer <key>} or {@code x-api-key:
 * <key>}. Keys are kept only as SHA-256 digests and compared in constant time, so neither their
 * content nor their length leaks through timing. Thread-safe and immutable.
 */
public final class ClientKeys {
  private final List<byte[]> digests;

  private ClientKeys(List<byte[]> digests) {
    this.digests = digests;
  }

  public static ClientKeys of(List<String> keys) {
    return new ClientKeys(
        keys.stream().filter(k -> !k.isEmpty()).map(ClientKeys::digest).toList());
  }

  /** Whether no key is configured (the routes it guards are then open). */
  public boolean isEmpty() {
    return digests.isEmpty();
  }

  /**
   * Whether the request presents one of the keys in either header. When both headers are sent,
   * either matching admits it (a client may carry a stale bearer next to its {@code x-api-key});
   * both are always compared, whatever the first gave.
   */
  public boolean admits(HttpServerRequest request) {
    return nameOf(request) != null;
  }

  /**
   * The name of the key the request presents ({@code key-1} for the first configured key,
   * {@code key-2}, ...), or null when it presents none of them. Both headers are compared, as in
   * {@link #admits}; the bearer's key wins when both match.
   */
  public String nameOf(HttpServerRequest request) {
    int bearer = indexOf(bearer(request));
    int apiKey = indexOf(apiKey(request));
    int index = bearer >= 0 ? bearer : apiKey;
    return index < 0 ? null : "key-" + (index + 1);
  }

  /** Whether {@code candidate} equals one of the keys; every key is compared, whatever matched. */
  public boolean matches(String candidate) {
    return indexOf(candidate) >= 0;
  }

  /** The index of the key {@code candidate} equals, or -1; every key is compared. */
  private int indexOf(String candidate) {
    if (candidate == null || candidate.isEmpty()) {
      return -1;
    }
    byte[] d = digest(candidate);
    int found = -1;
    for (int i = 0; i < digests.size(); i++) {
      if (MessageDigest.isEqual(digests.get(i), d)) {
        found = i;
      }
    }
    return found;
  }

  /** A key the request presents: the bearer token, else {@code x-api-key}; null when neither. */
  public static String presented(HttpServerRequest request) {
    String bearer = bearer(request);
    return bearer != null ? bearer : apiKey(request);
  }

  static String bearer(HttpServerRequest request) {
    String auth = request.getHeader("authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return auth.substring(7).trim();
    }
    return null;
  }

  static String apiKey(HttpServerRequest request) {
    String apiKey = request.getHeader("x-api-key");
    return apiKey == null ? null : apiKey.trim();
  }

  static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "ClientKeys[" + digests.size() + " key(s)]";
  }
}
