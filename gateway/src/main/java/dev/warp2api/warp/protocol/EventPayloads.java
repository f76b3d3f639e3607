package dev.warp2api.warp.protocol;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Turns one SSE payload into the event it carries: its bytes, the {@link EventView} the translator
 * reads, or the full {@link ResponseEvent}. Pure and thread-safe.
 *
 * <p>Accepted text: padded base64url (what Warp sends today), unpadded base64url, standard base64
 * with or without padding (the alphabets may even be mixed), and hex; whitespace anywhere and one
 * pair of surrounding {@code "} quotes are ignored.
 *
 * <p>Ambiguity rule: a text made only of hex digits, of even length, is read as hex first, and kept
 * only if those bytes parse as a {@code ResponseEvent} with a known event set; otherwise it is read
 * as base64. Every other text is read as base64 only. (A real base64url event that is pure hex is
 * vanishingly rare, and it would still fall back to base64 unless its hex reading is itself a valid
 * event.)
 *
 * <p>Bytes that parse but set no known event (a member added upstream after our schema) are
 * returned as they are, with {@code getTypeCase() == TYPE_NOT_SET}; the translator skips them.
 */
public final class EventPayloads {
  private EventPayloads() {}

  /**
   * Decodes one payload into the full protobuf event (what the bridge routes relay).
   *
   * @throws EventStreamException when the text is empty, is neither hex nor base64, or its bytes
   *     are not a protobuf {@code ResponseEvent}
   */
  public static ResponseEvent decode(String payload) {
    byte[] bytes = bytes(payload);
    try {
      return ResponseEvent.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw EventStreamException.undecodable("not a ResponseEvent", payload.length(), null);
    }
  }

  /**
   * Decodes one payload into the {@link EventView} the translator reads, without building the full
   * protobuf event.
   *
   * @throws EventStreamException as {@link #decode(String)}
   */
  public static EventView view(String payload) {
    byte[] bytes = bytes(payload);
    try {
      return EventViewReader.read(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw EventStreamException.undecodable("not a ResponseEvent", payload.length(), null);
    }
  }

  /**
   * The full protobuf event of bytes {@link #bytes(String)} returned.
   *
   * @throws EventStreamException when they are not a protobuf {@code ResponseEvent}
   */
  public static ResponseEvent parse(byte[] bytes) {
    try {
      return ResponseEvent.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw EventStreamException.notAnEvent(bytes.length);
    }
  }

  /**
   * The bytes one payload carries, chosen by the rules above. Today's canonical text is decoded
   * without being parsed (the caller parses it, into a view or a full event); other texts are
   * checked against the generated parser, as the hex/base64 ambiguity rule needs.
   *
   * @throws EventStreamException when the text is empty or neither hex nor base64, or (for a text
   *     that is not canonical) its bytes are not a {@code ResponseEvent}
   */
  public static byte[] bytes(String payload) {
    return bytes(payload, UpstreamDrift.global());
  }

  /**
   * {@link #bytes(String)} for a second reading of payloads the pipeline has already decoded (a
   * capture of the exchange): the drift report does not count their encoding again.
   */
  public static byte[] bytesOfAReread(String payload) {
    return bytes(payload, UpstreamDrift.uncounted());
  }

  private static byte[] bytes(String payload, UpstreamDrift drift) {
    byte[] canonical = canonical(payload);
    if (canonical != null) {
      return canonical;
    }
    String text = normalise(payload);
    if (text.isEmpty()) {
      throw EventStreamException.undecodable("empty payload", 0, null);
    }
    byte[] hex = null;
    ResponseEvent fromHex = null;
    if (isEvenHex(text)) {
      hex = HexFormat.of().parseHex(text);
      fromHex = parseOrNull(hex);
      if (fromHex != null && fromHex.getTypeCase() != ResponseEvent.TypeCase.TYPE_NOT_SET) {
        noteEncoding("hex", drift);
        return hex;
      }
    }
    byte[] bytes;
    try {
      bytes = base64(text);
    } catch (IllegalArgumentException e) {
      if (fromHex != null) {
        return hex;
      }
      throw EventStreamException.undecodable("neither base64 nor hex", text.length(), null);
    }
    if (parseOrNull(bytes) == null) {
      if (fromHex != null) {
        noteEncoding("hex", drift);
        return hex;
      }
      throw EventStreamException.undecodable("not a ResponseEvent", text.length(), null);
    }
    noteEncoding("not bare padded base64url", drift);
    return bytes;
  }

  /**
   * Today's payloads take the canonical path; any other alphabet is what 2025-era bridges and
   * servers used.
   */
  private static void noteEncoding(String encoding, UpstreamDrift drift) {
    drift.deprecated(UpstreamDrift.Kind.FRAMING, "SSE payload", encoding);
  }

  /**
   * The fast path for what Warp sends today: padded base64url with nothing around it, decoded by
   * the JDK's decoder (vectorised on x86) and not parsed here. Null for anything else (including a
   * text that is all hex digits, which the ambiguity rule sends through the general path), so that
   * behaviour stays exactly as described. A character outside the base64url alphabet (above U+00FF
   * too) makes the decoder refuse.
   */
  private static byte[] canonical(String p) {
    int n = p == null ? 0 : p.length();
    if (n == 0 || n % 4 != 0 || allHex(p)) {
      return null;
    }
    try {
      return URL_DECODER.decode(p);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Whether every character is a hex digit (stops at the first that is not: early for base64). */
  private static boolean allHex(String p) {
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c >= 128 || !HEX[c]) {
        return false;
      }
    }
    return true;
  }

  private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();
  private static final boolean[] HEX = new boolean[128];

  static {
    for (char c : "0123456789abcdefABCDEF".toCharArray()) {
      HEX[c] = true;
    }
  }

  /**
   * The raw bytes of a base64 or base64url payload (either alphabet, padding optional).
   *
   * @throws IllegalArgumentException when the text is not base64
   */
  static byte[] base64(String text) {
    String urlSafe = text.replace('+', '-').replace('/', '_');
    int end = urlSafe.length();
    while (end > 0 && urlSafe.charAt(end - 1) == '=') {
      end--;
    }
    String body = urlSafe.substring(0, end);
    if (body.indexOf('=') >= 0 || body.length() % 4 == 1) {
      throw new IllegalArgumentException("not base64");
    }
    return Base64.getUrlDecoder().decode(body);
  }

  /** Whitespace removed everywhere, then one pair of surrounding double quotes. */
  static String normalise(String payload) {
    if (payload == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(payload.length());
    for (int i = 0; i < payload.length(); i++) {
      char c = payload.charAt(i);
      if (!Character.isWhitespace(c)) {
        sb.append(c);
      }
    }
    if (sb.length() >= 2 && sb.charAt(0) == '"' && sb.charAt(sb.length() - 1) == '"') {
      return sb.substring(1, sb.length() - 1);
    }
    return sb.toString();
  }

  private static boolean isEvenHex(String text) {
    if (text.length() % 2 != 0) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static ResponseEvent parseOrNull(byte[] bytes) {
    try {
      return ResponseEvent.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }
}
