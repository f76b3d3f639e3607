package dev.warp2api.api.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks JSON along a descriptor to the fields of one full name (message types of our schema only).
 */
final class FieldWalk {
  interface Visitor {
    void visit(ObjectNode parent, String key, String path);
  }

  private FieldWalk() {}

  static void visit(ObjectNode json, Descriptor type, String path, String target, Visitor visitor) {
    for (String key : names(json)) {
      FieldDescriptor field = find(type, key);
      JsonNode value = json.get(key);
      String fieldPath = path.isEmpty() ? key : path + "." + key;
      if (field == null || value == null || value.isNull()) {
        continue;
      }
      if (field.getFullName().equals(target)) {
        visitor.visit(json, key, fieldPath);
      } else if (field.isMapField()) {
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        if (ours(valueField) && value.isObject()) {
          for (String mapKey : names(value)) {
            descend(
                value.get(mapKey),
                valueField.getMessageType(),
                fieldPath + "." + mapKey,
                target,
                visitor);
          }
        }
      } else if (ours(field) && field.isRepeated() && value.isArray()) {
        for (int i = 0; i < value.size(); i++) {
          descend(value.get(i), field.getMessageType(), fieldPath + "[" + i + "]", target, visitor);
        }
      } else if (ours(field)) {
        descend(value, field.getMessageType(), fieldPath, target, visitor);
      }
    }
  }

  private static void descend(
      JsonNode node, Descriptor type, String path, String target, Visitor visitor) {
    if (node != null && node.isObject()) {
      visit((ObjectNode) node, type, path, target, visitor);
    }
  }

  private static boolean ours(FieldDescriptor field) {
    return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && !field.getMessageType().getFile().getPackage().equals("google.protobuf");
  }

  private static FieldDescriptor find(Descriptor type, String key) {
    FieldDescriptor byName = type.findFieldByName(key);
    if (byName != null) {
      return byName;
    }
    return type.getFields().stream()
        .filter(f -> f.getJsonName().equals(key))
        .findFirst()
        .orElse(null);
  }

  private static List<String> names(JsonNode node) {
    var names = new ArrayList<String>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
