package dev.warp2api.warp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.FieldMaskUtil;
import com.google.protobuf.util.Timestamps;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON-to-protobuf conversion: walks a JSON tree along a message descriptor, filling a builder
 * and collecting warnings for ignored keys. Not thread-safe; make one per conversion.
 */
final class JsonToProto {
  private final List<String> warnings = new ArrayList<>();

  List<String> warnings() {
    return warnings;
  }

  void mergeObject(JsonNode json, Message.Builder builder, String path) {
    Descriptor type = builder.getDescriptorForType();
    if (json == null || !json.isObject()) {
      throw JsonScalar.mismatch(path, "a JSON object for " + type.getName(), json);
    }
    Map<FieldDescriptor, String> seen = new HashMap<>();
    Map<OneofDescriptor, String> oneofs = new HashMap<>();
    for (Map.Entry<String, JsonNode> property : json.properties()) {
      String key = property.getKey();
      JsonNode value = property.getValue();
      String fieldPath = JsonScalar.join(path, key);
      FieldDescriptor field = find(type, key);
      if (field == null) {
        warnings.add(fieldPath + ": unknown field of " + type.getFullName() + " ignored");
        continue;
      }
      String earlier = seen.put(field, key);
      if (earlier != null) {
        throw JsonScalar.invalid(
            fieldPath,
            "field '" + field.getName() + "' is given twice (also as '" + earlier + "')");
      }
      if (value.isNull() && !isValue(field)) {
        continue;
      }
      OneofDescriptor oneof = field.getRealContainingOneof();
      if (oneof != null) {
        String other = oneofs.put(oneof, key);
        if (other != null) {
          throw JsonScalar.invalid(
              fieldPath,
              "oneof '" + oneof.getName() + "' takes one member but '" + other + "' is also given");
        }
      }
      mergeField(builder, field, value, fieldPath);
    }
  }

  private void mergeField(
      Message.Builder builder, FieldDescriptor field, JsonNode value, String path) {
    if (field.isMapField()) {
      if (!value.isObject()) {
        throw JsonScalar.mismatch(path, "a JSON object (map)", value);
      }
      for (Map.Entry<String, JsonNode> entry : value.properties()) {
        builder.addRepeatedField(
            field, mapEntry(builder, field, entry.getKey(), entry.getValue(), path));
      }
    } else if (field.isRepeated()) {
      if (!value.isArray()) {
        throw JsonScalar.mismatch(path, "a JSON array", value);
      }
      for (int i = 0; i < value.size(); i++) {
        String itemPath = path + "[" + i + "]";
        JsonNode item = value.get(i);
        if (item.isNull() && !isValue(field)) {
          throw JsonScalar.mismatch(itemPath, "an element", item);
        }
        builder.addRepeatedField(field, convert(builder, field, item, itemPath));
      }
    } else {
      builder.setField(field, convert(builder, field, value, path));
    }
  }

  private Message mapEntry(
      Message.Builder parent, FieldDescriptor field, String key, JsonNode value, String path) {
    Message.Builder entry = parent.newBuilderForField(field);
    FieldDescriptor keyField = entry.getDescriptorForType().findFieldByNumber(1);
    FieldDescriptor valueField = entry.getDescriptorForType().findFieldByNumber(2);
    String entryPath = path + "[" + key + "]";
    entry.setField(
        keyField, JsonScalar.scalar(keyField.getType(), TextNode.valueOf(key), entryPath));
    if (value.isNull() && !isValue(valueField)) {
      throw JsonScalar.mismatch(entryPath, "a map value", value);
    }
    entry.setField(valueField, convert(entry, valueField, value, entryPath));
    return entry.build();
  }

  private Object convert(
      Message.Builder parent, FieldDescriptor field, JsonNode value, String path) {
    return switch (field.getJavaType()) {
      case MESSAGE -> message(parent.newBuilderForField(field), value, path);
      case ENUM -> JsonScalar.enumValue(field.getEnumType(), value, path);
      case INT, LONG, FLOAT, DOUBLE, BOOLEAN, STRING, BYTE_STRING ->
        JsonScalar.scalar(field.getType(), value, path);
    };
  }

  private Message message(Message.Builder builder, JsonNode value, String path) {
    String type = builder.getDescriptorForType().getFullName();
    if (type.startsWith("google.protobuf.")
        && (type.endsWith("Value") || type.endsWith("Struct"))) {
      StructDepth.require(value, path); // Value, Struct, ListValue: within what Warp's parser reads
    }
    try {
      switch (type) {
        case "google.protobuf.Value":
          return value(value, path);
        case "google.protobuf.Struct":
          return struct(value, path);
        case "google.protobuf.ListValue":
          return list(value, path);
        case "google.protobuf.Timestamp":
          if (value.isTextual()) {
            return Timestamps.parse(value.asText());
          }
          break;
        case "google.protobuf.Duration":
          if (value.isTextual()) {
            return Durations.parse(value.asText());
          }
          break;
        case "google.protobuf.FieldMask":
          if (value.isTextual()) {
            return FieldMaskUtil.fromJsonString(value.asText());
          }
          break;
        default:
          break;
      }
    } catch (ParseException | IllegalArgumentException e) {
      throw JsonScalar.mismatch(path, "a " + type + " in its JSON form", value);
    }
    mergeObject(value, builder, path);
    return builder.build();
  }

  private static Value value(JsonNode node, String path) {
    var value = Value.newBuilder();
    if (node.isNull()) {
      value.setNullValue(NullValue.NULL_VALUE);
    } else if (node.isBoolean()) {
      value.setBoolValue(node.booleanValue());
    } else if (node.isNumber()) {
      value.setNumberValue(node.doubleValue());
    } else if (node.isTextual()) {
      value.setStringValue(node.textValue());
    } else if (node.isObject()) {
      value.setStructValue(struct(node, path));
    } else if (node.isArray()) {
      value.setListValue(list(node, path));
    } else {
      throw JsonScalar.mismatch(path, "a JSON value", node);
    }
    return value.build();
  }

  private static Struct struct(JsonNode node, String path) {
    if (!node.isObject()) {
      throw JsonScalar.mismatch(path, "a JSON object (Struct)", node);
    }
    var struct = Struct.newBuilder();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      struct.putFields(e.getKey(), value(e.getValue(), JsonScalar.join(path, e.getKey())));
    }
    return struct.build();
  }

  private static ListValue list(JsonNode node, String path) {
    if (!node.isArray()) {
      throw JsonScalar.mismatch(path, "a JSON array (ListValue)", node);
    }
    var list = ListValue.newBuilder();
    for (int i = 0; i < node.size(); i++) {
      list.addValues(value(node.get(i), path + "[" + i + "]"));
    }
    return list.build();
  }

  private static boolean isValue(FieldDescriptor field) {
    return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && field.getMessageType().getFullName().equals("google.protobuf.Value");
  }

  private static FieldDescriptor find(Descriptor type, String key) {
    FieldDescriptor field = type.findFieldByName(key);
    if (field != null) {
      return field;
    }
    for (FieldDescriptor candidate : type.getFields()) {
      if (candidate.getJsonName().equals(key)) {
        return candidate;
      }
    }
    return null;
  }
}
