package dev.warp2api.warp.protocol;

import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;

/**
 * Warp's event stream could not be read: an event too large to buffer, or a payload that is neither
 * base64 nor hex of a {@code ResponseEvent}. Always {@link ErrorKind#UPSTREAM_FAILED}; the message
 * names what was wrong and never quotes the payload.
 */
public final class EventStreamException extends GatewayException {
  private static final long serialVersionUID = 1L;

  private EventStreamException(String safeMessage, Throwable cause) {
    super(ErrorKind.UPSTREAM_FAILED, safeMessage, null, -1, cause);
  }

  static EventStreamException tooLarge(int maxEventBytes) {
    return new EventStreamException(
        "Warp sent an event larger than " + maxEventBytes + " bytes", null);
  }

  static EventStreamException undecodable(String why, int payloadChars, Throwable cause) {
    return new EventStreamException(
        "Warp sent an undecodable event (" + why + ", " + payloadChars + " characters)", cause);
  }

  static EventStreamException notAnEvent(int bytes) {
    return new EventStreamException(
        "Warp sent an undecodable event (not a ResponseEvent, " + bytes + " bytes)", null);
  }
}
