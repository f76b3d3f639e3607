package dev.warp2api.warp.protocol;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test support: the paths of every message in a tree that carries fields our schema cannot name.
 */
final class UnknownFields {
  private UnknownFields() {}

  static List<String> paths(Message root) {
    var found = new ArrayList<String>();
    walk(root, root.getDescriptorForType().getName(), found);
    return found;
  }

  private static void walk(Message message, String path, List<String> found) {
    if (!message.getUnknownFields().asMap().isEmpty()) {
      found.add(path + " " + message.getUnknownFields().asMap().keySet());
    }
    for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
      if (e.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      String child = path + "." + e.getKey().getName();
      if (e.getValue() instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          walk((Message) list.get(i), child + "[" + i + "]", found);
        }
      } else {
        walk((Message) e.getValue(), child, found);
      }
    }
  }
}
