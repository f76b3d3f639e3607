package dev.warp2api.warp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A protobuf message as JSON with every text removed, for captures of failing exchanges: the
 * structure (field names, numbers, enum names, counts, flags) stays, every string and bytes value
 * becomes its length ({@code "<12 chars>"}), map keys included. Unknown fields are listed by number
 * and wire type, and a length-delimited one that parses as a message is shown as its own field
 * numbers, recursively, so a capture says where something new appeared without carrying what it
 * said. The only strings kept are names the protocol defines: field-mask paths and model ids. Pure
 * and thread-safe.
 */
public final class CaptureJson {
  private CaptureJson() {}

  /** Strings kept as they are: protocol names, never user or model text. */
  private static final Set<String> KEPT = Set.of(
      "google.protobuf.FieldMask.paths",
      "warp.multi_agent.v1.Request.Settings.ModelConfig.base",
      "warp.multi_agent.v1.Request.Settings.ModelConfig.planning",
      "warp.multi_agent.v1.Request.Settings.ModelConfig.coding",
      "warp.multi_agent.v1.Request.Settings.ModelConfig.cli_agent",
      "warp.multi_agent.v1.Request.Settings.ModelConfig.computer_use_agent");
  /** Unknown messages nest; this deep is plenty to locate a change. */
  private static final int MAX_DEPTH = 8;

  /** The redacted form of {@code message}. */
  public static ObjectNode of(Message message) {
    return message(message, 0);
  }

  /** Whether {@code message} or anything inside it carries fields this schema does not know. */
  public static boolean hasUnknownFields(Message message) {
    if (!message.getUnknownFields().asMap().isEmpty()) {
      return true;
    }
    for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
      if (e.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (e.getKey().isRepeated()) {
        for (Object item : (List<?>) e.getValue()) {
          if (hasUnknownFields((Message) item)) {
            return true;
          }
        }
      } else if (hasUnknownFields((Message) e.getValue())) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode message(Message message, int depth) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
      FieldDescriptor field = e.getKey();
      String name = field.getName();
      if (field.isRepeated()) {
        ArrayNode list = out.putArray(name);
        for (Object item : (List<?>) e.getValue()) {
          list.add(value(field, item, depth));
        }
      } else {
        out.set(name, value(field, e.getValue(), depth));
      }
    }
    UnknownFieldSet unknown = message.getUnknownFields();
    if (!unknown.asMap().isEmpty()) {
      out.set("unknown_fields", unknown(unknown, depth));
    }
    return out;
  }

  private static JsonNode value(FieldDescriptor field, Object value, int depth) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    return switch (field.getJavaType()) {
      case MESSAGE -> message((Message) value, depth + 1);
      case STRING ->
        KEPT.contains(field.getFullName())
            ? json.textNode((String) value)
            : json.textNode("<" + ((String) value).length() + " chars>");
      case BYTE_STRING -> json.textNode("<" + ((ByteString) value).size() + " bytes>");
      case ENUM -> json.textNode(((EnumValueDescriptor) value).getName());
      case BOOLEAN -> json.booleanNode((Boolean) value);
      case INT -> json.numberNode((Integer) value);
      case LONG -> json.numberNode((Long) value);
      case FLOAT -> json.numberNode((Float) value);
      case DOUBLE -> json.numberNode((Double) value);
    };
  }

  /**
   * {@code {"9": {"wire": "message", "fields": {...}}, "20": {"wire": "varint"}}}: numbers and
   * shapes only.
   */
  private static ObjectNode unknown(UnknownFieldSet set, int depth) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<Integer, UnknownFieldSet.Field> e : set.asMap().entrySet()) {
      UnknownFieldSet.Field f = e.getValue();
      ObjectNode o = out.putObject(Integer.toString(e.getKey()));
      if (!f.getVarintList().isEmpty()) {
        o.put("wire", "varint");
      } else if (!f.getFixed32List().isEmpty()) {
        o.put("wire", "fixed32");
      } else if (!f.getFixed64List().isEmpty()) {
        o.put("wire", "fixed64");
      } else if (!f.getLengthDelimitedList().isEmpty()) {
        ByteString bytes = f.getLengthDelimitedList().get(0);
        UnknownFieldSet nested = depth < MAX_DEPTH ? parse(bytes) : null;
        if (nested != null && !nested.asMap().isEmpty()) {
          o.put("wire", "message");
          o.set("fields", unknown(nested, depth + 1));
        } else {
          o.put("wire", "length-delimited");
          o.put("bytes", bytes.size());
        }
      } else {
        o.put("wire", "group");
      }
    }
    return out;
  }

  private static UnknownFieldSet parse(ByteString bytes) {
    try {
      return UnknownFieldSet.parseFrom(bytes);
    } catch (InvalidProtocolBufferException notAMessage) {
      return null;
    }
  }
}
