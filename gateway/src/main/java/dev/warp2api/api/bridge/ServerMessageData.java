package dev.warp2api.api.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.warp2api.core.GatewayException;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;

/**
 * {@code Message.server_message_data} (docs/PROTOCOL.md, 'Bridge JSON'): a string holding base64url
 * of a tiny message {@code {1: string uuid, 3: Timestamp}}. On output the bridge shows it as
 * {@code {uuid, seconds, nanos, iso_utc, iso_ny, type}}; on input it takes that object (only
 * {@code uuid}, {@code seconds}, {@code nanos} are read) or the string. A string that does not
 * decode to exactly that message (so that re-encoding would lose bytes) is left as a string.
 * Stateless.
 */
final class ServerMessageData {
  private static final String FIELD = "warp.multi_agent.v1.Message.server_message_data";
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private ServerMessageData() {}

  /**
   * Replaces, in place, every decodable {@code server_message_data} string under a message of
   * {@code type}.
   */
  static void expand(ObjectNode json, Descriptor type) {
    FieldWalk.visit(json, type, "", FIELD, (parent, key, path) -> {
      JsonNode value = parent.get(key);
      if (value.isTextual()) {
        ObjectNode expanded = decode(value.textValue());
        if (expanded != null) {
          parent.set(key, expanded);
        }
      }
    });
  }

  /**
   * Replaces, in place, every {@code server_message_data} object under a message of {@code type}
   * with its string form.
   *
   * @throws GatewayException INVALID_REQUEST naming the path when {@code uuid}, {@code seconds} or
   *     {@code nanos} has the wrong type, or none of them is given
   */
  static void collapse(ObjectNode json, Descriptor type, String rootPath) {
    FieldWalk.visit(json, type, rootPath, FIELD, (parent, key, path) -> {
      JsonNode value = parent.get(key);
      if (value.isObject()) {
        parent.put(key, encode((ObjectNode) value, path));
      }
    });
  }

  /** The expanded object, or null when {@code text} is not exactly a {uuid, timestamp} message. */
  static ObjectNode decode(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text.strip().replace('+', '-').replace('/', '_'));
      String uuid = null;
      Timestamp time = null;
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag) {
          case 0x0a -> uuid = in.readStringRequireUtf8();
          case 0x1a -> time = Timestamp.parseFrom(in.readBytes());
          default -> {
            return null;
          }
        }
      }
      if ((uuid == null && time == null)
          || (time != null && !Timestamps.isValid(time))
          || !Arrays.equals(bytes, serialize(uuid, time))) {
        return null;
      }
      return render(uuid, time);
    } catch (IllegalArgumentException | IOException e) {
      return null;
    }
  }

  private static ObjectNode render(String uuid, Timestamp time) {
    ObjectNode out = BridgeBody.JSON.createObjectNode();
    if (uuid != null) {
      out.put("uuid", uuid);
    }
    if (time != null) {
      Instant instant = Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
      out.put("seconds", time.getSeconds());
      out.put("nanos", time.getNanos());
      out.put(
          "iso_utc",
          DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC)));
      out.put("iso_ny", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(NEW_YORK)));
    }
    String kind =
        uuid == null ? "TIMESTAMP_ONLY" : time == null ? "UUID_ONLY" : "UUID_AND_TIMESTAMP";
    out.put("type", kind);
    return out;
  }

  static String encode(ObjectNode object, String path) {
    JsonNode uuid = object.get("uuid");
    JsonNode seconds = object.get("seconds");
    JsonNode nanos = object.get("nanos");
    boolean hasUuid = uuid != null && !uuid.isNull();
    boolean hasTime = (seconds != null && !seconds.isNull()) || (nanos != null && !nanos.isNull());
    if (!hasUuid && !hasTime) {
      throw GatewayException.invalid(
          path + ": expected a string or an object with uuid, seconds or nanos", path);
    }
    if (hasUuid && !uuid.isTextual()) {
      throw GatewayException.invalid(
          path + ".uuid: expected a string but got " + BridgeBody.kind(uuid), path);
    }
    Timestamp time = null;
    if (hasTime) {
      time = Timestamp.newBuilder()
          .setSeconds(integer(seconds, path + ".seconds", Long.MIN_VALUE, Long.MAX_VALUE))
          .setNanos((int) integer(nanos, path + ".nanos", 0, 999_999_999))
          .build();
    }
    return Base64.getUrlEncoder()
        .encodeToString(serialize(hasUuid ? uuid.textValue() : null, time));
  }

  private static long integer(JsonNode node, String path, long min, long max) {
    if (node == null || node.isNull()) {
      return 0;
    }
    long value;
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      value = node.longValue();
    } else if (node.isTextual() && node.textValue().matches("-?\\d{1,19}")) {
      try {
        value = Long.parseLong(node.textValue());
      } catch (NumberFormatException e) {
        throw GatewayException.invalid(path + ": integer out of range", path);
      }
    } else {
      throw GatewayException.invalid(
          path + ": expected an integer but got " + BridgeBody.kind(node), path);
    }
    if (value < min || value > max) {
      throw GatewayException.invalid(
          path + ": " + value + " is out of range " + min + ".." + max, path);
    }
    return value;
  }

  private static byte[] serialize(String uuid, Timestamp time) {
    try {
      ByteString.Output bytes = ByteString.newOutput();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      if (uuid != null) {
        out.writeString(1, uuid);
      }
      if (time != null) {
        out.writeMessage(3, time);
      }
      out.flush();
      return bytes.toByteString().toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
  }
}
