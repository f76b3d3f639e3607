package dev.warp2api.warp.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.util.List;

/**
 * The bridge's JSON &lt;-&gt; protobuf conversion (docs/PROTOCOL.md, 'Bridge JSON'). Pure: no I/O,
 * no state; safe to use from any thread, including an event loop.
 *
 * <p>JSON uses proto field names (snake_case); {@link #fromJson} also accepts lowerCamelCase json
 * names. Oneof members sit directly under their parent. Well-known types use their proto3 JSON
 * forms: {@code Struct}/{@code Value}/{@code ListValue} as plain JSON, {@code Timestamp} as RFC
 * 3339, {@code Duration} as {@code "1.5s"}, {@code FieldMask} as one comma-separated string of
 * lowerCamelCase paths.
 */
public final class ProtoJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace();

  private ProtoJson() {}

  /**
   * A message read from JSON, with what was ignored on the way.
   *
   * @param message the message built
   * @param warnings one line per ignored unknown key, naming its path; safe to log (no values)
   */
  public record Parsed<T extends Message>(T message, List<String> warnings) {
    public Parsed {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Same as {@link #fromJson(JsonNode, Message, String)} with paths relative to the message itself.
   */
  public static <T extends Message> Parsed<T> fromJson(JsonNode json, T defaultInstance) {
    return fromJson(json, defaultInstance, "");
  }

  /**
   * Reads a message from JSON.
   *
   * <p>Accepted: proto field names and json names; enum values by name or by number (any int32
   * number: enums are open); {@code bytes} as standard or url-safe base64, padded or not; integers
   * as JSON numbers or decimal strings; {@code null} for "absent" (for a {@code Value}:
   * {@code null_value}). A present empty object sets presence ({@code {"done": {}}} gives
   * {@code hasDone()}). Unknown keys are ignored and reported in {@link Parsed#warnings()}.
   *
   * @param json a JSON object
   * @param defaultInstance the default instance of the message type to build
   * @param rootPath prefix for the paths in errors and warnings, e.g. {@code json_data}; may be
   *     empty
   * @throws dev.warp2api.core.GatewayException {@code INVALID_REQUEST} when a value has the wrong
   *     type or cannot be converted (a message {@code "<path>: expected ... but got ..."}, param =
   *     path), or when two members of one oneof, or one field under two names, are given
   */
  @SuppressWarnings("unchecked")
  public static <T extends Message> Parsed<T> fromJson(
      JsonNode json, T defaultInstance, String rootPath) {
    var reader = new JsonToProto();
    Message.Builder builder = defaultInstance.newBuilderForType();
    reader.mergeObject(json, builder, rootPath == null ? "" : rootPath);
    return new Parsed<>((T) builder.build(), reader.warnings());
  }

  /**
   * Reads a message of a type known only by descriptor (e.g. from {@link MessageTypes#descriptor})
   * as a {@link DynamicMessage}; otherwise as {@link #fromJson(JsonNode, Message, String)}.
   */
  public static Parsed<Message> fromJson(JsonNode json, Descriptor type, String rootPath) {
    return fromJson(json, (Message) DynamicMessage.getDefaultInstance(type), rootPath);
  }

  /**
   * Renders a message as the bridge did: proto field names, oneof members directly under the
   * parent, fields with default values omitted, present empty messages as {@code {}}, 64-bit
   * integers as strings, bytes as standard base64, enums by name (unknown numbers as numbers),
   * {@code Struct} as plain JSON, {@code FieldMask} as comma-separated lowerCamelCase paths,
   * {@code Timestamp} as RFC 3339. Unknown fields are not rendered.
   *
   * @throws IllegalArgumentException if the message holds an {@code Any} (our schema has none)
   */
  public static ObjectNode toJson(MessageOrBuilder message) {
    try {
      return (ObjectNode) MAPPER.readTree(PRINTER.print(message));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "cannot render " + message.getDescriptorForType().getFullName(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("protobuf printed invalid JSON", e);
    }
  }
}
